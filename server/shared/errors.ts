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

/**
 * What kind of failure a refusal is, whatever the transport: each adapter (GraphQL in
 * `graphql/errors.ts`, HTTP in `http/errors.ts`) tells every kind in its own terms.
 */
export enum FailureKind {
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  TOO_LARGE = 'TOO_LARGE',
  UNSUPPORTED_TYPE = 'UNSUPPORTED_TYPE',
  RATE_LIMITED = 'RATE_LIMITED',
}

/**
 * The kind of failure each user error code is. Wrong credentials are a sign-in form's input,
 * answered in its payload; UNAUTHENTICATED is for a request that needs a session and has none.
 */
export function failureKindOf(code: UserErrorCode): FailureKind {
  switch (code) {
    case UserErrorCode.INVALID:
    case UserErrorCode.REQUIRED:
    case UserErrorCode.INVALID_CHECKSUM:
    case UserErrorCode.INVALID_CREDENTIALS:
      return FailureKind.INVALID;
    case UserErrorCode.NOT_FOUND:
      return FailureKind.NOT_FOUND;
    case UserErrorCode.ALREADY_EXISTS:
    case UserErrorCode.STALE_VERSION:
    case UserErrorCode.NOT_ALLOWED:
    case UserErrorCode.INVALID_TRANSITION:
      return FailureKind.CONFLICT;
    case UserErrorCode.TOO_MANY_ATTEMPTS:
      return FailureKind.RATE_LIMITED;
  }
}

export interface UserErrorData {
  /** Dotted path of the input field at fault, or null when the error concerns the whole request. */
  field: string | null;
  message: string;
  code: UserErrorCode;
}

/**
 * An expected failure, the one error family of the services: they throw it and never know the
 * transport. In a mutation it rolls the transaction back and reaches the client as data in the
 * payload's `errors` (a refusal of the caller rather than of the input, `FORBIDDEN` or
 * `UNAUTHENTICATED`, as a top-level error); in a query or a REST route, as the transport's error.
 */
export class DomainError extends Error {
  constructor(
    readonly errors: UserErrorData[],
    readonly kind: FailureKind = failureKindOf(errors[0].code),
  ) {
    super(errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('; '));
    this.name = 'DomainError';
  }

  /** Refusals of who is asking rather than of what they sent: not payload data but the transport's error. */
  get refusesCaller(): boolean {
    return this.kind === FailureKind.FORBIDDEN || this.kind === FailureKind.UNAUTHENTICATED;
  }

  /** The messages for a transport that shows one text. */
  get userMessage(): string {
    return this.errors.map((e) => e.message).join('; ');
  }
}

/** A refusal of a given kind with one message (the code the payload shows follows the kind). */
export function refusal(kind: FailureKind, message: string, field: string | null = null): DomainError {
  const code = kind === FailureKind.NOT_FOUND ? UserErrorCode.NOT_FOUND : kind === FailureKind.CONFLICT ? UserErrorCode.NOT_ALLOWED : UserErrorCode.INVALID;
  return new DomainError([{ field, code, message }], kind);
}

export const forbidden = (message = 'Недостаточно прав для этого действия') => refusal(FailureKind.FORBIDDEN, message);
export const unauthenticated = () => refusal(FailureKind.UNAUTHENTICATED, 'Требуется вход в систему');
export const invalidArgument = (field: string | null, message: string) => refusal(FailureKind.INVALID, message, field);

export function domainError(field: string | null, code: UserErrorCode, message: string): DomainError {
  return new DomainError([{ field, code, message }]);
}

export function notFound(field: string | null, what: string): DomainError {
  return domainError(field, UserErrorCode.NOT_FOUND, `${what}: запись не найдена`);
}

export function staleVersion(currentVersion: number): DomainError {
  return domainError(
    'version',
    UserErrorCode.STALE_VERSION,
    `Запись уже изменена другим пользователем (текущая версия ${currentVersion}). Обновите данные и повторите правку.`,
  );
}
