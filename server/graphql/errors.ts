import { GraphQLError } from 'graphql';
import { type DomainError, FailureKind } from '../shared/errors.js';

/** The GraphQL adapter of the error family: the `extensions.code` of every kind of failure. */
export function graphqlCodeOf(kind: FailureKind): string {
  switch (kind) {
    case FailureKind.INVALID:
    case FailureKind.UNSUPPORTED_TYPE:
      return 'BAD_USER_INPUT';
    case FailureKind.NOT_FOUND:
      return 'NOT_FOUND';
    case FailureKind.CONFLICT:
      return 'CONFLICT';
    case FailureKind.FORBIDDEN:
      return 'FORBIDDEN';
    case FailureKind.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case FailureKind.TOO_LARGE:
      return 'PAYLOAD_TOO_LARGE';
    case FailureKind.RATE_LIMITED:
      return 'RATE_LIMITED';
  }
}

/** Codes this adapter gives: their messages were written for the user. */
export const DOMAIN_GRAPHQL_CODES = new Set(Object.values(FailureKind).map(graphqlCodeOf));

/** A domain refusal's extensions: its code, and the field it names when it names one (so a form can show it there). */
export function domainExtensions(error: DomainError): { code: string; field?: string } {
  const field = error.errors.find((e) => e.field)?.field;
  return { code: graphqlCodeOf(error.kind), ...(field ? { field } : {}) };
}

/** A domain refusal as a top-level GraphQL error (a query's, or a mutation's refusal of the caller). */
export const asGraphQLError = (error: DomainError, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(error.userMessage, { extensions: { ...domainExtensions(error), ...extensions } });
