/** Codes of expected failures that a user can act on; the API exposes them as an enum. */
export enum UserErrorCode {
  INVALID = 'INVALID',
  REQUIRED = 'REQUIRED',
  INVALID_CHECKSUM = 'INVALID_CHECKSUM',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  NOT_ALLOWED = 'NOT_ALLOWED',
  STALE_VERSION = 'STALE_VERSION',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
}

export interface UserErrorData {
  /** Dotted path of the input field at fault, or null when the error concerns the whole request. */
  field: string | null;
  message: string;
  code: UserErrorCode;
}

/**
 * An expected failure of a domain rule. Thrown inside a mutation's transaction, it rolls the
 * transaction back and reaches the client as data in the payload's `errors`.
 */
export class DomainError extends Error {
  constructor(readonly errors: UserErrorData[]) {
    super(errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('; '));
    this.name = 'DomainError';
  }
}

export function domainError(field: string | null, code: UserErrorCode, message: string): DomainError {
  return new DomainError([{ field, code, message }]);
}

export function notFound(field: string | null, what: string): DomainError {
  return domainError(field, UserErrorCode.NOT_FOUND, `${what} не найден(а)`);
}

export function staleVersion(currentVersion: number): DomainError {
  return domainError(
    'version',
    UserErrorCode.STALE_VERSION,
    `Запись уже изменена другим пользователем (текущая версия ${currentVersion}). Обновите данные и повторите правку.`,
  );
}
