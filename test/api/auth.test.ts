import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, LogoutDocument, MeDocument, ResetUserPasswordDocument, UpdateUserDocument } from '../../client/generated/graphql.js';
import { PUBLIC_OPERATIONS } from '../../server/access/operations.js';
import { createOrganisation, createUserAndLogin, TEST_PASSWORD } from '../helpers/fixtures.js';
import { postRaw, rootFields, sampleOperation } from '../helpers/operations.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const committedSchema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

describe('login', () => {
  it('signs in with the right password and returns a token that `me` accepts', async () => {
    const { user } = await createUserAndLogin(server, 'MONITORING', (await createOrganisation(server, 'FUND')).id);
    const { login } = await server.ok(LoginDocument, { login: user.login, password: TEST_PASSWORD });
    expect(login.errors).toEqual([]);
    expect(login.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(new Date(login.expiresAt!).getTime()).toBeGreaterThan(Date.now());
    const { me } = await server.ok(MeDocument, {}, login.token);
    expect(me).toMatchObject({ id: user.id, login: user.login, role: 'MONITORING' });
  });

  it('refuses a wrong password and an unknown login with the same message', async () => {
    const wrong = await server.ok(LoginDocument, { login: 'admin', password: 'not-the-password' });
    const unknown = await server.ok(LoginDocument, { login: 'nobody-here', password: 'not-the-password' });
    for (const { login } of [wrong, unknown]) {
      expect(login.token).toBeNull();
      expect(login.errors).toEqual([{ field: null, code: 'INVALID_CREDENTIALS', message: 'Неверный логин или пароль' }]);
    }
  });

  it('never exposes a password hash through the schema', () => {
    const user = committedSchema.getType('User');
    expect(user && 'getFields' in user ? Object.keys(user.getFields()) : []).not.toContain('passwordHash');
    expect(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8')).not.toMatch(/password_?hash/i);
  });
});

describe('every operation but login requires a valid token', () => {
  const operations = rootFields(committedSchema).filter(({ field }) => !PUBLIC_OPERATIONS.has(field.name));

  it('covers the whole schema', () => {
    expect(operations.length).toBeGreaterThanOrEqual(12);
  });

  it.each(operations.map(({ kind, field }) => [`${kind} ${field.name}`, sampleOperation(kind, field)]))(
    '%s is refused without a token',
    async (_name, document) => {
      const response = await postRaw(server.url, document);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toBe('Требуется вход в систему');
    },
  );

  it('refuses a forged or garbled token', async () => {
    const forged = `${server.adminToken.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`;
    for (const token of [forged, 'garbage']) {
      const response = await server.gql(MeDocument, {}, token);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('token lifetime', () => {
  it('logout revokes the token it was called with, and only that one', async () => {
    const { user } = await createUserAndLogin(server, 'MONITORING', (await createOrganisation(server, 'FUND')).id);
    const first = await server.login(user.login, TEST_PASSWORD);
    const second = await server.login(user.login, TEST_PASSWORD);
    expect((await server.ok(LogoutDocument, {}, first)).logout).toBe(true);
    expect((await server.gql(MeDocument, {}, first)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.ok(MeDocument, {}, second)).me.id).toBe(user.id);
  });

  it('a password reset invalidates earlier tokens; the new password works', async () => {
    const { user, token } = await createUserAndLogin(server, 'MONITORING', (await createOrganisation(server, 'FUND')).id);
    const { resetUserPassword } = await server.ok(
      ResetUserPasswordDocument,
      { id: user.id, version: user.version, password: 'brand-new-password' },
      server.adminToken,
    );
    expect(resetUserPassword.errors).toEqual([]);
    expect((await server.gql(MeDocument, {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.ok(LoginDocument, { login: user.login, password: TEST_PASSWORD })).login.token).toBeNull();
    expect(await server.login(user.login, 'brand-new-password')).toBeTruthy();
  });

  it('deactivating a user invalidates their tokens and refuses their login', async () => {
    const { user, token } = await createUserAndLogin(server, 'MONITORING', (await createOrganisation(server, 'FUND')).id);
    const { updateUser } = await server.ok(UpdateUserDocument, { input: { id: user.id, version: user.version, active: false } }, server.adminToken);
    expect(updateUser.result?.active).toBe(false);
    expect((await server.gql(MeDocument, {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.ok(LoginDocument, { login: user.login, password: TEST_PASSWORD })).login.errors[0].code).toBe('INVALID_CREDENTIALS');
  });
});
