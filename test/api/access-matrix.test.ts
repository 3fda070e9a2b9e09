import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { PUBLIC_OPERATIONS } from '../../server/graphql/schema.js';
import { ACCESS, ALL, type Role } from '../helpers/access.js';
import { addFinding, discuss, openExpertise } from '../helpers/expertise.js';
import { caseInput, createUserAndLogin, twoSidedWorld } from '../helpers/fixtures.js';
import { postRaw, rootFields, sampleOperation } from '../helpers/operations.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
const operations = rootFields(schema);

let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;
let tokenOf: Record<Role, string>;
let caseId: string;
let enp: string;
let expertiseId: string;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
  const admin = (await createUserAndLogin(server, 'ADMIN', null)).token;
  tokenOf = { SMO_EXPERT: world.tokens.expertA, MO_COMMISSION: world.tokens.moA, MONITORING: world.tokens.monitoring, ADMIN: admin };
  const input = caseInput(world.parties);
  enp = input.person.enp;
  caseId = (await server.ok(RegisterRefusalCaseDocument, { input }, world.tokens.expertA)).registerRefusalCase.result!.id;
  const e = await openExpertise(server, world.tokens.expertA, { caseId, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
  expertiseId = e.id;
  await addFinding(server, world.tokens.expertA, { expertiseId, code: '3.2.1', description: 'x', careEpisode: 'y', careKind: 'INPATIENT', tariff: '1.00' });
  await discuss(server, world.tokens.expertA, expertiseId, '2024-05-06');
});
afterAll(() => server?.stop());

describe('the access table covers the whole API', () => {
  it('has an entry for every query and mutation, and none for operations that do not exist', () => {
    const names = operations.map(({ field }) => field.name).sort();
    expect(names).toEqual(Object.keys(ACCESS).sort());
  });
});

describe('role checks, for every operation and every role', () => {
  const cases = operations
    .filter(({ field }) => !PUBLIC_OPERATIONS.has(field.name) && field.name !== 'logout')
    .flatMap(({ kind, field }) => ALL.map((role) => [field.name, role, sampleOperation(kind, field)] as const));

  it.each(cases)('%s as %s', async (name, role, document) => {
    const response = await postRaw(server.url, document, tokenOf[role]);
    const codes = (response.errors ?? []).map((e) => e.extensions?.code);
    if (ACCESS[name].roles.includes(role)) {
      expect(codes).not.toContain('FORBIDDEN');
      expect(codes).not.toContain('UNAUTHENTICATED');
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    } else {
      expect(codes).toEqual(['FORBIDDEN']);
    }
  });
});

describe('case records, from an organisation that is party and from one that is not', () => {
  const PERSON = 'person { enp snils surname name patronymic birthDate sex }';
  const probes: Array<[string, string, (data: Record<string, any>) => boolean]> = [
    ['refusalCase', `query { refusalCase(id: "CASE") { id ${PERSON} } }`, (d) => d.refusalCase?.person?.enp === 'ENP'],
    ['refusalCases', `query { refusalCases(first: 10, filter: { enp: "ENP" }) { totalCount edges { node { ${PERSON} } } } }`, (d) => d.refusalCases.totalCount === 1],
    ['expertise', `query { expertise(id: "EXPERTISE") { id refusalCase { ${PERSON} } } }`, (d) => d.expertise?.refusalCase?.person?.enp === 'ENP'],
  ];
  const sides: Array<[string, () => string, boolean]> = [
    ['SMO of the case', () => world.tokens.expertA, true],
    ['another SMO', () => world.tokens.expertB, false],
    ['MO of the case', () => world.tokens.moA, true],
    ['another MO', () => world.tokens.moB, false],
    ['the fund', () => world.tokens.monitoring, true],
    ['an administrator', () => tokenOf.ADMIN, true],
  ];

  it.each(probes.flatMap(([name, query, sees]) => sides.map(([side, token, party]) => [name, side, query, sees, token, party] as const)))(
    '%s as %s',
    async (_name, _side, query, sees, token, party) => {
      const document = query.replace('CASE', caseId).replace('EXPERTISE', expertiseId).replaceAll('ENP', enp);
      const response = await postRaw(server.url, document, token());
      expect(response.errors).toBeUndefined();
      const data = response.data as Record<string, any>;
      expect(sees(JSON.parse(JSON.stringify(data).replaceAll(enp, 'ENP')))).toBe(party);
      if (!party) expect(JSON.stringify(data)).not.toContain(enp);
    },
  );
});
