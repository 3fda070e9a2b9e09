import type express from 'express';
import { type DomainError, FailureKind } from '../shared/errors.js';

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
