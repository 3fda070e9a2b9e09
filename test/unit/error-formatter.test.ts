import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE, errorFormatter } from '../../server/http/errors.js';
import { createLogger } from '../../server/logger.js';

const format = errorFormatter(createLogger('silent'));

describe('errorFormatter', () => {
  it('hides unexpected errors behind a generic Russian message, without stack or SQL', () => {
    const original = new Error('relation "secret_table" does not exist\n    at Query.run (/srv/x.js:1:1)');
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['me'] });
    const formatted = format({ message: original.message, path: ['me'], extensions: { stacktrace: ['at x'] } }, wrapped);
    expect(formatted).toEqual({ message: INTERNAL_ERROR_MESSAGE, path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('passes expected errors through with their code but no stack trace', () => {
    const error = new GraphQLError('Требуется вход в систему', { extensions: { code: 'UNAUTHENTICATED' } });
    const formatted = format({ message: error.message, extensions: { code: 'UNAUTHENTICATED', stacktrace: ['at y'] } }, error);
    expect(formatted).toEqual({ message: 'Требуется вход в систему', extensions: { code: 'UNAUTHENTICATED' } });
  });
});
