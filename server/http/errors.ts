import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type express from 'express';
import { DOMAIN_GRAPHQL_CODES, graphqlCodeOf } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { DomainError, FailureKind } from '../shared/errors.js';
import { inRussian } from './limits.js';

/** The HTTP adapter of the error family: the status of every kind of failure. */
export function httpStatusOf(kind: FailureKind): number {
  switch (kind) {
    case FailureKind.INVALID:
      return 400;
    case FailureKind.UNAUTHENTICATED:
      return 401;
    case FailureKind.FORBIDDEN:
      return 403;
    case FailureKind.NOT_FOUND:
      return 404;
    case FailureKind.CONFLICT:
      return 409;
    case FailureKind.TOO_LARGE:
      return 413;
    case FailureKind.UNSUPPORTED_TYPE:
      return 415;
    case FailureKind.RATE_LIMITED:
      return 429;
  }
}

/** A REST route's refusal: its status and the user's message, nothing else. */
export function sendRefusal(res: express.Response, error: DomainError): void {
  if (!res.headersSent) res.status(httpStatusOf(error.kind)).json({ message: error.userMessage });
}

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

const INVALID_VARIABLE = /^Variable "\$\w+" got invalid value .*? at "\w+\.([\w.[\]]+)"; (.*)$/s;
const INVALID_VARIABLE_AT_ROOT = /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s;

/** The reason graphql gives for a variable value that does not fit its type, told in Russian. */
function reasonInRussian(reason: string): { reason: string; missing: string | null } {
  const missing = /^Field "(\w+)" of required type ".*" was not provided\.$/.exec(reason);
  if (missing) return { reason: 'Заполните это поле', missing: missing[1] };
  const notInEnum = /^Value "(.*)" does not exist in ".*" enum\./s.exec(reason);
  if (notInEnum) return { reason: `Недопустимое значение «${notInEnum[1]}»`, missing: null };
  if (/^Field "\w+" is not defined by type/.test(reason)) return { reason: 'Такого поля нет в форме', missing: null };
  if (/^[А-ЯЁ]/.test(reason)) return { reason, missing: null };
  return { reason: `Значение не подходит (${reason})`, missing: null };
}

/**
 * A value the schema refuses before any resolver runs (a date that is not a date, a value outside
 * an enum, a required field left out): its field's path inside the input and a Russian reason, so
 * that a form shows it beside the field, as it shows the payload's own errors.
 */
export function variableProblem(message: string): { field: string | null; message: string } | null {
  const nested = INVALID_VARIABLE.exec(message);
  const atRoot = nested ? null : INVALID_VARIABLE_AT_ROOT.exec(message);
  if (!nested && !atRoot) return null;
  const { reason, missing } = reasonInRussian(nested ? nested[2] : atRoot![2]);
  const path = nested ? nested[1] : null;
  const field = [path, missing].filter(Boolean).join('.') || (nested ? null : atRoot![1]);
  return { field, message: reason };
}

export const INTERNAL_ERROR_MESSAGE = 'Внутренняя ошибка сервера. Попробуйте ещё раз или обратитесь к администратору.';

/**
 * What a client sees of an error: expected ones as they are (without stack traces), anything
 * unexpected as a generic message; the details go to the server log only.
 */
export function errorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { message: original.userMessage, locations: formatted.locations, path: formatted.path, extensions: { code: graphqlCodeOf(original.kind) } };
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
