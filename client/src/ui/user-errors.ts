import type { CombinedError } from 'urql';
import type { UserErrorFieldsFragment } from '../../generated/graphql';
import { describeRequestError } from '../app/api';

/** A mutation's answer split the way a form shows it: beside its fields, or above the form. */
export interface FormErrors {
  byField: Record<string, string>;
  general: string[];
  staleVersion: boolean;
}

export const NO_ERRORS: FormErrors = { byField: {}, general: [], staleVersion: false };

/**
 * Maps the payload's `errors` to the form. `fields` lists the form's own field paths; an error on
 * another path (or none) is shown above the form so that nothing the server said is lost.
 */
export function toFormErrors(errors: readonly UserErrorFieldsFragment[], fields: readonly string[], requestError?: CombinedError): FormErrors {
  const result: FormErrors = { byField: {}, general: [], staleVersion: false };
  // A value the schema refused before the mutation ran comes back as a request error naming its field.
  const refusedValues = (requestError?.graphQLErrors ?? []).flatMap((e) => {
    const field = e.extensions?.field;
    return e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string' ? [{ field, message: e.message, code: 'INVALID' as const }] : [];
  });
  if (requestError && refusedValues.length === 0) result.general.push(describeRequestError(requestError));
  for (const error of [...refusedValues, ...errors]) {
    if (error.code === 'STALE_VERSION') result.staleVersion = true;
    const field = error.field ? fields.find((f) => error.field === f || error.field!.startsWith(`${f}.`) || error.field!.startsWith(`${f}[`)) : undefined;
    if (field && !result.byField[field]) result.byField[field] = error.message;
    else result.general.push(error.message);
  }
  return result;
}

export const hasErrors = (errors: FormErrors) => errors.general.length > 0 || Object.keys(errors.byField).length > 0;
