import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DOMAIN_GRAPHQL_CODES, domainExtensions } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { DomainError } from '../shared/errors.js';
import { inRussian, variableProblem } from './limits.js';

/** Error codes whose message was written for the client and may be shown as is. */
const CLIENT_FACING_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const INTERNAL_ERROR_MESSAGE = 'Внутренняя ошибка сервера. Попробуйте ещё раз или обратитесь к администратору.';

/**
 * What a client sees of an error: expected ones as they are (without stack traces), anything
 * unexpected as a generic message; the details go to the server log only.
 */
export function errorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { message: original.userMessage, locations: formatted.locations, path: formatted.path, extensions: domainExtensions(original) };
    }
    const code = formatted.extensions?.code;
    // Only errors built with a client-facing code carry one; a crash in a resolver is INTERNAL_SERVER_ERROR.
    const badValue = code === 'BAD_USER_INPUT' ? variableProblem(formatted.message) : null;
    if (badValue) return { message: badValue.message, locations: formatted.locations, extensions: { code, field: badValue.field } };
    if (typeof code === 'string' && (CLIENT_FACING_CODES.has(code) || DOMAIN_GRAPHQL_CODES.has(code))) {
      return { message: inRussian(formatted.message, code), locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    log.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error while handling a GraphQL request');
    return { message: INTERNAL_ERROR_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
