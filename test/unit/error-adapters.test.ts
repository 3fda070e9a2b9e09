import { describe, expect, it } from 'vitest';
import { graphqlCodeOf } from '../../server/graphql/errors.js';
import { httpStatusOf } from '../../server/http/refusals.js';
import { FailureKind, UserErrorCode, failureKindOf } from '../../server/shared/errors.js';

describe('the error adapters', () => {
  it('give every kind of failure its own HTTP status and a GraphQL code', () => {
    const kinds = Object.values(FailureKind);
    expect(new Set(kinds.map(httpStatusOf)).size).toBe(kinds.length);
    for (const kind of kinds) expect(graphqlCodeOf(kind)).toMatch(/^[A-Z_]+$/);
  });

  it('know the kind of every payload error code', () => {
    expect(Object.fromEntries(Object.values(UserErrorCode).map((code) => [code, httpStatusOf(failureKindOf(code))]))).toEqual({
      INVALID: 400,
      REQUIRED: 400,
      INVALID_CHECKSUM: 400,
      INVALID_CREDENTIALS: 400,
      NOT_FOUND: 404,
      ALREADY_EXISTS: 409,
      NOT_ALLOWED: 409,
      STALE_VERSION: 409,
      INVALID_TRANSITION: 409,
      TOO_MANY_ATTEMPTS: 429,
    });
  });
});
