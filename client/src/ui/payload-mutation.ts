import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useState } from 'react';
import { useMutation, type AnyVariables } from 'urql';
import type { UserErrorFieldsFragment } from '../../generated/graphql';
import { NO_ERRORS, toFormErrors, type FormErrors } from './user-errors';

interface Payload {
  result?: unknown;
  errors: readonly UserErrorFieldsFragment[];
}

/** The `{ result, errors }` payload of a mutation's one root field. */
type PayloadOf<D> = Extract<D[Exclude<keyof D, '__typename'>], Payload>;
type ResultOf<D> = NonNullable<PayloadOf<D>['result']>;

export interface PayloadMutation<D, V> {
  /** Sends the mutation; answers its result (null when refused) and what to show the user. */
  send(variables: V): Promise<{ result: ResultOf<D> | null; errors: FormErrors }>;
  /** The last answer's problems, split the way a form shows them (`fields` lie beside inputs). */
  errors: FormErrors;
  busy: boolean;
}

/**
 * Every mutation of the API answers `{ result, errors }`: this runs one and maps its errors (or a
 * failed request) to the form, so that each form only says what to send and what to do on success.
 */
export function usePayloadMutation<D extends object, V extends AnyVariables>(
  document: TypedDocumentNode<D, V>,
  fields: readonly string[] = [],
): PayloadMutation<D, V> {
  const [{ fetching }, run] = useMutation<D, V>(document);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const send = async (variables: V) => {
    // Refused for an expired session, the request waits for the sign-in over the page and is sent again (api.ts).
    const { data, error } = await run(variables);
    const payload = Object.values(data ?? {}).find((value): value is Payload => typeof value === 'object' && value !== null && 'errors' in value);
    const problems = toFormErrors(payload?.errors ?? [], fields, error);
    setErrors(problems);
    return { result: (payload?.result ?? null) as ResultOf<D> | null, errors: problems };
  };
  return { send, errors, busy: fetching };
}
