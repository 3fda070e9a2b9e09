import { execFile } from 'node:child_process';
import { SignJWT } from 'jose';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUserDocument, MeDocument, ResetUserPasswordDocument, UpdateUserDocument } from '../../client/generated/graphql.js';
import { generatePassword } from '../../server/bootstrap/admin.js';
import { passwordWeakness } from '../../server/modules/auth/password-strength.js';
import { createOrganisation, createUserAndLogin, TEST_PASSWORD } from '../helpers/fixtures.js';
import { TEST_ADMIN_PASSWORD } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Behind a trusted proxy (loopback here), the address is the one X-Forwarded-For names. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RAZBOR_TRUSTED_PROXY: 'loopback' });
});
afterAll(() => server?.stop());

const LOGIN = `mutation($login: String!, $password: String!) { login(login: $login, password: $password) { token errors { code message } } }`;

async function signIn(login: string, password: string, from: string, target = server) {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ query: LOGIN, variables: { login, password } }),
  });
  const body = (await response.json()) as { data: { login: { token: string | null; errors: Array<{ code: string; message: string }> } } };
  return body.data.login;
}

const freshUser = async () => (await createUserAndLogin(server, 'MONITORING', (await createOrganisation(server, 'FUND')).id)).user;

describe('throttling the guesser, not the victim', () => {
  it('60 parallel wrong passwords from 60 addresses: exactly 5 are checked; the user still signs in from an address it used before', async () => {
    const user = await freshUser();
    expect((await signIn(user.login, TEST_PASSWORD, '10.1.0.1')).token).toBeTruthy();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(user.login, `wrong-${i}`, `198.51.100.${i + 1}`)));
    const codes = answers.map((a) => a.errors[0]?.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(55);
    expect((await signIn(user.login, TEST_PASSWORD, '198.51.100.99')).errors[0].code).toBe('TOO_MANY_ATTEMPTS');
    expect((await signIn(user.login, TEST_PASSWORD, '10.1.0.1')).token).toBeTruthy();
  });

  it('five failures lock that login from that address only; a success does not clear what a guesser did elsewhere', async () => {
    const user = await freshUser();
    expect((await signIn(user.login, TEST_PASSWORD, '10.1.0.2')).token).toBeTruthy();
    for (let i = 0; i < 5; i++) expect((await signIn(user.login, 'wrong', '203.0.113.7')).errors[0].code).toBe('INVALID_CREDENTIALS');
    expect((await signIn(user.login, TEST_PASSWORD, '203.0.113.7')).errors[0].code).toBe('TOO_MANY_ATTEMPTS');
    // The user signs in from the office, where they signed in before.
    expect((await signIn(user.login, TEST_PASSWORD, '10.1.0.2')).token).toBeTruthy();
    expect((await signIn(user.login, TEST_PASSWORD, '203.0.113.7')).errors[0].code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('thirty failures from one address stop that address, not the other users behind the same proxy', async () => {
    const victim = await freshUser();
    for (let i = 0; i < 30; i++) await signIn(`nobody-${i}`, 'wrong', '192.0.2.50');
    expect((await signIn(victim.login, TEST_PASSWORD, '192.0.2.50')).errors[0].code).toBe('TOO_MANY_ATTEMPTS');
    expect((await signIn(victim.login, TEST_PASSWORD, '192.0.2.51')).token).toBeTruthy();
  });

  it('without a trusted proxy, X-Forwarded-For is ignored: a forged header does not escape the count', async () => {
    const direct = await startTestServer();
    try {
      const { user } = await createUserAndLogin(direct, 'MONITORING', (await createOrganisation(direct, 'FUND')).id);
      for (let i = 0; i < 5; i++) await signIn(user.login, 'wrong', `198.18.0.${i}`, direct);
      expect((await signIn(user.login, TEST_PASSWORD, '198.18.0.200', direct)).errors[0].code).toBe('TOO_MANY_ATTEMPTS');
    } finally {
      await direct.stop();
    }
  });
});

describe('password strength', () => {
  it.each(['12345678', 'password', '        ', 'пароль123', 'йцукенгш'])(
    'refuses «%s» for a new user and for a reset, naming the field in Russian',
    async (password) => {
      const created = await server.ok(
        CreateUserDocument,
        { input: { login: `weak.${Date.now()}`, fullName: 'Слабый Пароль', role: 'ADMIN', organisationId: null, password } },
        server.adminToken,
      );
      expect(created.createUser.errors[0]).toMatchObject({ field: 'password', code: 'INVALID', message: expect.stringMatching(/^Пароль слишком простой/) });
      const user = await freshUser();
      const reset = await server.ok(ResetUserPasswordDocument, { id: user.id, version: user.version, password }, server.adminToken);
      expect(reset.resetUserPassword.errors[0]).toMatchObject({ field: 'password', code: 'INVALID' });
    },
  );

  it('refuses a password made of the user’s own login', async () => {
    const login = `fatima.tsalikova${Date.now()}`;
    const created = await server.ok(
      CreateUserDocument,
      { input: { login, fullName: 'Цаликова Фатима', role: 'ADMIN', organisationId: null, password: login } },
      server.adminToken,
    );
    expect(created.createUser.errors[0]).toMatchObject({ field: 'password', code: 'INVALID' });
  });

  it('generated administrator passwords pass', () => {
    for (let i = 0; i < 40; i++) expect(passwordWeakness(generatePassword(), ['admin'])).toBeNull();
  });
});

describe('tokens', () => {
  const secret = async () => (await server.sql<{ value: string }>(`select value from app_setting where key = 'jwt_secret'`))[0].value;

  it('a token older than the configured lifetime is refused whatever its exp claim says', async () => {
    const user = await freshUser();
    const key = new TextEncoder().encode(await secret());
    const { createHash } = await import('node:crypto');
    const kid = createHash('sha256')
      .update(await secret())
      .digest('base64url')
      .slice(0, 16);
    const sign = (iat: number, exp: number) =>
      new SignJWT({ tv: 0 })
        .setProtectedHeader({ alg: 'HS256', kid })
        .setSubject(user.id)
        .setIssuer('razbor')
        .setJti(crypto.randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const fresh = await sign(now, now + 3600);
    expect((await server.gql(MeDocument, {}, fresh)).data?.me.id).toBe(user.id);
    const ancient = await sign(now - 13 * 3600, now + 10 * 365 * 24 * 3600);
    expect((await server.gql(MeDocument, {}, ancient)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const noIssuedAt = await new SignJWT({ tv: 0 })
      .setProtectedHeader({ alg: 'HS256', kid })
      .setSubject(user.id)
      .setIssuer('razbor')
      .setJti('x')
      .setExpirationTime(now + 3600)
      .sign(key);
    expect((await server.gql(MeDocument, {}, noIssuedAt)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('npm run rotate-secret: earlier tokens keep working, new ones are signed anew; --revoke-previous ends them all', async () => {
    const rotating = await startTestServer();
    try {
      const before = rotating.adminToken;
      // Not blocking this process, where the server under test answers (see admin:reset below); a failed run rejects.
      const cli = (...args: string[]) =>
        promisify(execFile)(process.execPath, [path.resolve('dist/server/cli/rotate-secret.js'), ...args], {
          env: { ...process.env, DATABASE_URL: rotating.razbor.databaseUrl, LOG_LEVEL: 'warn' },
          encoding: 'utf8',
        });
      const rotated = await cli();
      expect(rotated.stdout).toContain('Секрет подписи заменён');
      expect((await rotating.gql(MeDocument, {}, before)).data?.me.login).toBe('admin');
      const after = await rotating.login('admin', TEST_ADMIN_PASSWORD);
      expect((await rotating.gql(MeDocument, {}, after)).data?.me.login).toBe('admin');
      await cli('--revoke-previous');
      // Every process reads the keys again within a few seconds.
      await new Promise((r) => setTimeout(r, 5200));
      expect((await rotating.gql(MeDocument, {}, before)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await rotating.gql(MeDocument, {}, after)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await rotating.login('admin', TEST_ADMIN_PASSWORD)).toBeTruthy();
    } finally {
      await rotating.stop();
    }
  });
});

describe('the signing keys’ connection', () => {
  it('outlives the database ending it while idle: the server keeps answering', async () => {
    // A token naming an unknown key makes the server read its keys again (its own connection).
    const unknownKey = await new SignJWT({ tv: 0 }).setProtectedHeader({ alg: 'HS256', kid: 'unknown-key' }).sign(new TextEncoder().encode('x'.repeat(32)));
    await expect
      .poll(
        async () => {
          await server.gql(MeDocument, {}, unknownKey);
          const [{ n }] = await server.sql<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity where usename = current_database() || '_api' and query = 'select key, value from app_setting where key = any($1)'`,
          );
          return n;
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBeGreaterThan(0);
    // The database ends every connection of the API's role (a restart, an administrator).
    await server.sql(`select pg_terminate_backend(pid) from pg_stat_activity where usename = current_database() || '_api'`);
    await expect.poll(async () => (await server.gql(MeDocument, {}, server.adminToken)).data?.me.login, { timeout: 15_000, interval: 200 }).toBe('admin');
  });
});

describe('administration never locks itself out', () => {
  const switchOff = (target: { id: string; version: number }, token: string) =>
    server.ok(UpdateUserDocument, { input: { id: target.id, version: target.version, active: false } }, token).then((r) => r.updateUser);

  it('nobody switches themselves off; the last active administrator cannot be switched off, even in a race', async () => {
    const { me } = await server.ok(MeDocument, {}, server.adminToken);
    await server.sql(`update app_user set active = false where role = 'ADMIN' and id <> $1`, [me.id]);
    const self = await switchOff(me, server.adminToken);
    expect(self.errors[0]).toMatchObject({ field: 'active', code: 'NOT_ALLOWED', message: 'Нельзя отключить самого себя' });

    const second = await createUserAndLogin(server, 'ADMIN', null);
    // Each switches the other off at the same moment: one of them must stay. The loser is refused as
    // the last administrator or, when the winner's change landed before its request was let in, as
    // switched off itself.
    const attempt = (target: { id: string; version: number }, token: string) =>
      server.gql(UpdateUserDocument, { input: { id: target.id, version: target.version, active: false } }, token);
    const answers = await Promise.all([attempt(second.user, server.adminToken), attempt(me, second.token)]);
    const switched = answers.filter((answer) => answer.data?.updateUser.errors.length === 0);
    expect(switched).toHaveLength(1);
    const [{ n }] = await server.sql<{ n: string }>(`select count(*) as n from app_user where role = 'ADMIN' and active`);
    expect(Number(n)).toBe(1);
    const loser = answers.find((answer) => answer !== switched[0])!;
    const refusal = loser.data?.updateUser.errors[0]?.message ?? loser.errors?.[0].extensions?.code;
    expect(['Это последний действующий администратор: сначала назначьте другого', 'UNAUTHENTICATED']).toContain(refusal);
  });

  it('npm run admin:reset restores access on the server’s machine', async () => {
    const locked = await startTestServer();
    try {
      await locked.sql(`update app_user set password_hash = 'lost' where login = 'admin'`);
      // Run without blocking this process, where the server under test answers: a blocked event loop
      // made the next request meet a keep-alive socket the server had just closed.
      const run = await promisify(execFile)(process.execPath, [path.resolve('dist/server/cli/admin-reset.js')], {
        env: { ...process.env, DATABASE_URL: locked.razbor.databaseUrl, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      const password = /Пароль \(показывается один раз\): (\S+)/.exec(run.stdout)![1];
      expect(await locked.login('admin', password)).toBeTruthy();
    } finally {
      await locked.stop();
    }
  });
});
