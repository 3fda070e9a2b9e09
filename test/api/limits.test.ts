import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginDocument, MeDocument, RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { caseInput, createOrganisation, createUserAndLogin, TEST_PASSWORD } from '../helpers/fixtures.js';
import { postRaw } from '../helpers/operations.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const logLines: string[] = [];
beforeAll(async () => {
  server = await startTestServer({}, { write: (line: string) => void logLines.push(line) });
});
afterAll(() => server?.stop());

describe('query limits', () => {
  it('refuses a query nested deeper than 10 levels', async () => {
    const deep =
      'refusalCase(id: "00000000-0000-0000-0000-000000000000") { expertises { refusalCase { expertises { refusalCase { expertises { refusalCase { expertises { refusalCase { expertises { refusalCase { id } } } } } } } } } } }';
    const response = await postRaw(server.url, `query { ${deep} }`, server.adminToken);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toBe('Запрос слишком глубокий: не более 10 уровней вложенности');
  });

  it('refuses a query whose cost, lists weighted by their page size, is too high', async () => {
    const page =
      'refusalCases(first: 100) { totalCount edges { cursor node { id number state person { enp surname name patronymic } smo { id shortName } mo { id shortName } bureau { id shortName } expertises { id number findings { id } } } } }';
    const aliases = Array.from({ length: 12 }, (_, i) => `p${i}: ${page}`).join(' ');
    const response = await postRaw(server.url, `query { ${aliases} }`, server.adminToken);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain('Запрос слишком объёмный');
    const single = await postRaw(server.url, `query { ${page} }`, server.adminToken);
    expect(single.errors).toBeUndefined();
  });

  it('blocks requests that could be cross-site forgeries', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
  });

  it('refuses a request body over the limit', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(31 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
  });

  it('takes a large body only from a signed-in user (a spreadsheet in base64): an anonymous one is a sign-in, small', async () => {
    const padded = (token?: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: `{"query":"{ __typename }"${' '.repeat(2 * 1024 * 1024)}}`,
      });
    const anonymous = await padded();
    expect(anonymous.status).toBe(413);
    expect(await anonymous.json()).toEqual({ message: 'Запрос слишком большой' });
    // A token that is not signed with a key in force counts as none.
    const [header, payload] = server.adminToken.split('.');
    expect((await padded(`${header}.${payload}.forged`)).status).toBe(413);
    const signedIn = await padded(server.adminToken);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('sign-in throttling', () => {
  it('after 5 failures for a login, refuses even the right password, with no hint whether the login exists', async () => {
    const { user } = await createUserAndLogin(server, 'MONITORING', (await createOrganisation(server, 'FUND')).id);
    for (let i = 0; i < 5; i++) {
      const { login } = await server.ok(LoginDocument, { login: user.login, password: 'wrong-password' });
      expect(login.errors[0].code).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await server.ok(LoginDocument, { login: user.login, password: TEST_PASSWORD });
    expect(blocked.login).toMatchObject({
      token: null,
      errors: [{ code: 'TOO_MANY_ATTEMPTS', message: 'Слишком много неудачных попыток входа. Повторите через 15 минут.' }],
    });
    for (let i = 0; i < 5; i++) await server.ok(LoginDocument, { login: 'no-such-user', password: 'wrong-password' });
    const unknown = await server.ok(LoginDocument, { login: 'no-such-user', password: 'wrong-password' });
    expect(unknown.login.errors[0]).toEqual(blocked.login.errors[0]);
    await server.sql(`delete from login_failure where key = $1 or starts_with(key, $2)`, [`login:${user.login}`, `pair:${user.login}|`]);
    expect((await server.ok(LoginDocument, { login: user.login, password: TEST_PASSWORD })).login.token).toBeTruthy();
  });
});

describe('personal data never reaches the logs', () => {
  it('registering a case and failing requests log ids, not ЕНП, СНИЛС or names', async () => {
    const parties = { moId: (await createOrganisation(server, 'MO')).id, bureauId: (await createOrganisation(server, 'MSE_BUREAU')).id };
    const expert = (await createUserAndLogin(server, 'SMO_EXPERT', (await createOrganisation(server, 'SMO')).id)).token;
    const input = caseInput(parties);
    const person = { ...input.person, surname: 'Уникальнофамильева', name: 'Секретина' };
    await server.ok(RegisterRefusalCaseDocument, { input: { ...input, person } }, expert);
    await server.gql(RegisterRefusalCaseDocument, { input: { ...input, person: { ...person, enp: '123' } } }, expert);
    await server.gql(MeDocument, {}, 'garbage-token');
    await postRaw(server.url, 'query { broken(', expert);
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of [person.enp, '112-233-445 95', '11223344595', 'Уникальнофамильева', 'Секретина']) expect(log).not.toContain(secret);
  });
});

describe('a database error is logged without the statement or its values', () => {
  it('a registration the database refuses logs the SQLSTATE and the reason, not ЕНП, СНИЛС or names', async () => {
    const parties = { moId: (await createOrganisation(server, 'MO')).id, bureauId: (await createOrganisation(server, 'MSE_BUREAU')).id };
    const expert = (await createUserAndLogin(server, 'SMO_EXPERT', (await createOrganisation(server, 'SMO')).id)).token;
    await server.sql(`create function sabotage() returns trigger language plpgsql as $$ begin raise exception 'отказ базы для проверки журнала'; end $$`);
    await server.sql(`create trigger sabotage before insert on refusal_case for each row execute function sabotage()`);
    try {
      const input = caseInput(parties);
      const person = { ...input.person, surname: 'Журналова', name: 'Утечкина' };
      const before = logLines.length;
      const response = await server.gql(RegisterRefusalCaseDocument, { input: { ...input, person } }, expert);
      expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const log = logLines.slice(before).join('\n');
      expect(log).toContain('P0001');
      expect(log).toContain('отказ базы для проверки журнала');
      for (const secret of [person.enp, '112-233-445 95', 'Журналова', 'Утечкина', 'insert into']) expect(log).not.toContain(secret);
    } finally {
      await server.sql(`drop trigger sabotage on refusal_case; drop function sabotage()`);
    }
  });
});

describe('production settings', () => {
  it('turns introspection off with NODE_ENV=production', async () => {
    const production = await startTestServer({ NODE_ENV: 'production' });
    try {
      const response = await postRaw(production.url, '{ __schema { queryType { name } } }', production.adminToken);
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await postRaw(server.url, '{ __schema { queryType { name } } }', server.adminToken)).data).toBeTruthy();
    } finally {
      await production.stop();
    }
  });

  it('bounds every statement the API sends', async () => {
    const [row] = await server.razbor.orm.em.fork().execute<{ statement_timeout: string }[]>('show statement_timeout');
    expect(row.statement_timeout).toBe('15s');
  });

  it('refuses the NUL character anywhere in the input', async () => {
    const response = await server.gql(LoginDocument, { login: 'ad\u0000min', password: 'x' });
    expect(response.errors?.[0]).toMatchObject({ message: 'Запрос содержит недопустимый символ (NUL)', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
