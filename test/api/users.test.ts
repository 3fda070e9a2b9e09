import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUserDocument, UserDocument, UsersDocument } from '../../client/generated/graphql.js';
import { createOrganisation, createUserAndLogin, TEST_PASSWORD } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let moA: { id: string };
let moB: { id: string };
let smo: { id: string };
let fund: { id: string };
beforeAll(async () => {
  server = await startTestServer();
  [moA, moB, smo, fund] = await Promise.all([
    createOrganisation(server, 'MO'),
    createOrganisation(server, 'MO'),
    createOrganisation(server, 'SMO'),
    createOrganisation(server, 'FUND'),
  ]);
});
afterAll(() => server?.stop());

const newUser = (role: 'SMO_EXPERT' | 'MO_COMMISSION' | 'MONITORING' | 'ADMIN', organisationId: string | null, login: string) => ({
  input: { login, fullName: 'Сидорова Мария Ивановна', role, organisationId, password: TEST_PASSWORD },
});

describe('a role fits its organisation kind', () => {
  it.each([
    ['SMO_EXPERT', () => moA.id],
    ['MO_COMMISSION', () => smo.id],
    ['MONITORING', () => moA.id],
  ] as const)('refuses %s in the wrong kind of organisation', async (role, organisationId) => {
    const login = `wrong.kind.${role.toLowerCase()}`;
    const { createUser } = await server.ok(CreateUserDocument, newUser(role, organisationId(), login), server.adminToken);
    expect(createUser.result).toBeNull();
    expect(createUser.errors[0]).toMatchObject({ field: 'organisationId', code: 'NOT_ALLOWED' });
    expect(await server.sql('select 1 from app_user where login = $1', [login])).toHaveLength(0);
  });

  it('requires an organisation for every role but administrator', async () => {
    const refused = await server.ok(CreateUserDocument, newUser('MO_COMMISSION', null, 'no.org.mo'), server.adminToken);
    expect(refused.createUser.errors[0]).toMatchObject({ field: 'organisationId', code: 'REQUIRED' });
    const admin = await server.ok(CreateUserDocument, newUser('ADMIN', null, 'second.admin'), server.adminToken);
    expect(admin.createUser.result).toMatchObject({ role: 'ADMIN', organisation: null });
  });

  it('refuses a short password and a taken login', async () => {
    const short = await server.ok(
      CreateUserDocument,
      { input: { ...newUser('MO_COMMISSION', moA.id, 'short.pass').input, password: '1234567' } },
      server.adminToken,
    );
    expect(short.createUser.errors[0]).toMatchObject({ field: 'password', code: 'INVALID' });
    const taken = await server.ok(CreateUserDocument, newUser('MO_COMMISSION', moA.id, 'admin'), server.adminToken);
    expect(taken.createUser.errors[0]).toMatchObject({ field: 'login', code: 'ALREADY_EXISTS' });
  });
});

describe('only administrators manage users', () => {
  it.each(['SMO_EXPERT', 'MO_COMMISSION', 'MONITORING'] as const)('%s gets FORBIDDEN from createUser', async (role) => {
    const organisation = role === 'SMO_EXPERT' ? smo : role === 'MO_COMMISSION' ? moA : fund;
    const { token } = await createUserAndLogin(server, role, organisation.id);
    const response = await server.gql(CreateUserDocument, newUser('ADMIN', null, `escalate.${role.toLowerCase()}`), token);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await server.sql('select 1 from app_user where login = $1', [`escalate.${role.toLowerCase()}`])).toHaveLength(0);
  });
});

describe('organisation scope on users', () => {
  it('an MO user sees the users of its own MO and not those of another MO', async () => {
    const a = await createUserAndLogin(server, 'MO_COMMISSION', moA.id);
    const b = await createUserAndLogin(server, 'MO_COMMISSION', moB.id);
    const seenByA = (await server.ok(UsersDocument, {}, a.token)).users.map((u) => u.id);
    expect(seenByA).toContain(a.user.id);
    expect(seenByA).not.toContain(b.user.id);
    expect((await server.ok(UserDocument, { id: b.user.id }, a.token)).user).toBeNull();
    expect((await server.ok(UserDocument, { id: a.user.id }, b.token)).user).toBeNull();
    expect((await server.ok(UsersDocument, { organisationId: moB.id }, a.token)).users).toEqual([]);
  });

  it('the fund and administrators see users of every organisation', async () => {
    const a = await createUserAndLogin(server, 'MO_COMMISSION', moA.id);
    const expert = await createUserAndLogin(server, 'SMO_EXPERT', smo.id);
    const monitoring = await createUserAndLogin(server, 'MONITORING', fund.id);
    for (const token of [monitoring.token, server.adminToken]) {
      const seen = (await server.ok(UsersDocument, {}, token)).users.map((u) => u.id);
      expect(seen).toEqual(expect.arrayContaining([a.user.id, expert.user.id]));
      expect((await server.ok(UserDocument, { id: expert.user.id }, token)).user?.organisation?.id).toBe(smo.id);
    }
  });
});
