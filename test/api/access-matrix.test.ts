import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { PUBLIC_OPERATIONS } from '../../server/access/operations.js';
import { ACCESS, ALL, type Role } from '../helpers/access.js';
import { addFinding, caseWithFinding, discuss, openExpertise, newEpisode } from '../helpers/expertise.js';
import { caseInput, createUserAndLogin, recordReview, twoSidedWorld } from '../helpers/fixtures.js';
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
  await addFinding(server, world.tokens.expertA, { expertiseId, code: '3.2.1', description: 'x', episode: newEpisode('1.00') });
  await discuss(server, world.tokens.expertA, expertiseId, '2024-05-06');
});
afterAll(() => server?.stop());

describe('the operations policy covers the whole API', () => {
  it('has an entry for every query and mutation, and none for operations that do not exist', () => {
    const names = operations.map(({ field }) => field.name).sort();
    expect(names).toEqual(Object.keys(ACCESS).sort());
  });

  it('is the reviewed one: a change of who may call what shows as a diff of the snapshot', async () => {
    await expect(`${JSON.stringify(ACCESS, null, 2)}\n`).toMatchFileSnapshot('./access-policy.snapshot.json');
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

describe('the role check sees through fragments, aliases and mixed requests', () => {
  const ADD = (code: string) => `createRootCause(code: "${code}", name: "Проверка доступа", requiresText: false) { result { id } }`;
  const attacks: Array<[string, string]> = [
    ['an inline fragment on the root', `mutation { ... on Mutation { ${ADD('A1')} } }`],
    ['a named fragment on the root', `mutation { ...Root } fragment Root on Mutation { ${ADD('A2')} }`],
    ['a fragment inside a fragment', `mutation { ...A } fragment A on Mutation { ...B } fragment B on Mutation { ${ADD('A3')} }`],
    ['an alias', `mutation { harmless: ${ADD('A4')} }`],
    ['beside an operation the role may call', `mutation { logout ${ADD('A5')} }`],
  ];
  it.each(attacks)('an MO adding a root cause through %s is refused before anything runs', async (_how, query) => {
    const response = await postRaw(server.url, query, tokenOf.MO_COMMISSION);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(response.data ?? null).toBeNull();
    expect(await server.sql(`select 1 from root_cause where code in ('A1', 'A2', 'A3', 'A4', 'A5')`)).toEqual([]);
  });

  it('the administrator asking the same way may', async () => {
    const response = await postRaw(server.url, `mutation { ...Root } fragment Root on Mutation { ${ADD('A6')} }`, tokenOf.ADMIN);
    expect(response.errors).toBeUndefined();
    expect(await server.sql(`select 1 from root_cause where code = 'A6'`)).toHaveLength(1);
  });
});

describe('case records, from an organisation that is party and from one that is not', () => {
  const PERSON = 'person { enp snils surname name patronymic birthDate sex }';
  /** The answer's shape for the three probes below. */
  interface Seen {
    refusalCase?: { person?: { enp?: string } } | null;
    refusalCases?: { totalCount: number };
    expertise?: { refusalCase?: { person?: { enp?: string } } } | null;
  }
  const probes: Array<[string, string, (data: Seen) => boolean]> = [
    ['refusalCase', `query { refusalCase(id: "CASE") { id ${PERSON} } }`, (d) => d.refusalCase?.person?.enp === 'ENP'],
    [
      'refusalCases',
      `query { refusalCases(first: 10, filter: { enp: "ENP" }) { totalCount edges { node { ${PERSON} } } } }`,
      (d) => d.refusalCases?.totalCount === 1,
    ],
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
      const data = response.data as Seen;
      expect(sees(JSON.parse(JSON.stringify(data).replaceAll(enp, 'ENP')) as Seen)).toBe(party);
      if (!party) expect(JSON.stringify(data)).not.toContain(enp);
    },
  );
});

describe('case-scoped mutations, from the party and from the other side', () => {
  type Vars = Record<string, unknown>;
  const fresh = async () => {
    const { refusalCase: c, expertise: e, finding: f } = await caseWithFinding(server, world);
    const version = async (table: string, id: string) => (await server.sql<{ version: number }>(`select version from ${table} where id = $1`, [id]))[0].version;
    return {
      caseId: c.id,
      caseVersion: await version('refusal_case', c.id),
      expertiseId: e.id,
      expertiseVersion: await version('expertise', e.id),
      findingId: f.id,
    };
  };
  type Fresh = Awaited<ReturnType<typeof fresh>>;
  const probes: Array<[string, 'SMO' | 'MO', string, (r: Fresh) => Vars | Promise<Vars>]> = [
    [
      'updateRefusalCase',
      'SMO',
      'mutation($input: UpdateRefusalCaseInput!) { updateRefusalCase(input: $input) { errors { code } } }',
      (r) => ({ input: { id: r.caseId, version: r.caseVersion, remarks: 'x' } }),
    ],
    [
      'transitionRefusalCase',
      'SMO',
      'mutation($id: ID!, $v: Int!) { transitionRefusalCase(id: $id, version: $v, transition: SEND_TO_MO_REVIEW) { errors { code } } }',
      (r) => ({ id: r.caseId, v: r.caseVersion }),
    ],
    [
      'closeRefusalCase',
      'SMO',
      'mutation($id: ID!, $v: Int!) { closeRefusalCase(id: $id, version: $v) { errors { code } } }',
      (r) => ({ id: r.caseId, v: r.caseVersion }),
    ],
    [
      'openExpertise',
      'SMO',
      'mutation($id: ID!) { openExpertise(input: { caseId: $id, type: MEE, kind: PLANNED, startDate: "2024-04-02" }) { errors { code } } }',
      (r) => ({ id: r.caseId }),
    ],
    [
      'addFinding',
      'SMO',
      'mutation($id: ID!) { addFinding(input: { expertiseId: $id, code: "3.2.2", description: "x", episode: { recordNumber: "Карта 9", careFrom: "2024-03-01", careTo: "2024-03-02", normKindCode: "INPATIENT", tariff: "1.00" } }) { errors { code } } }',
      (r) => ({ id: r.expertiseId }),
    ],
    ['removeFinding', 'SMO', 'mutation($id: ID!) { removeFinding(findingId: $id) { errors { code } } }', (r) => ({ id: r.findingId })],
    [
      'updateExpertise',
      'SMO',
      'mutation($id: ID!, $v: Int!) { updateExpertise(input: { id: $id, version: $v, documentsRequestedOn: "2024-04-03" }) { errors { code } } }',
      (r) => ({ id: r.expertiseId, v: r.expertiseVersion }),
    ],
    [
      'recordDiscussion',
      'SMO',
      'mutation($id: ID!) { recordDiscussion(input: { expertiseId: $id, heldOn: "2024-05-06", participants: [{ side: SMO, name: "А", position: "эксперт" }, { side: MO, name: "Б", position: "врач" }] }) { errors { code } } }',
      (r) => ({ id: r.expertiseId }),
    ],
    [
      'signExpertise',
      'SMO',
      'mutation($id: ID!, $v: Int!) { signExpertise(id: $id, version: $v) { errors { code } } }',
      (r) => ({ id: r.expertiseId, v: r.expertiseVersion }),
    ],
    ['addCaseComment', 'SMO', 'mutation($id: ID!) { addCaseComment(caseId: $id, text: "x", shared: true) { errors { code } } }', (r) => ({ id: r.caseId })],
    ['addCaseComment', 'MO', 'mutation($id: ID!) { addCaseComment(caseId: $id, text: "x", shared: false) { errors { code } } }', (r) => ({ id: r.caseId })],
    [
      'recordMoPositions',
      'MO',
      'mutation($id: ID!, $f: ID!) { recordMoPositions(input: { expertiseId: $id, positions: [{ findingId: $f, position: AGREES }] }) { errors { code } } }',
      (r) => ({ id: r.expertiseId, f: r.findingId }),
    ],
    [
      'registerAppeal',
      'MO',
      'mutation($id: ID!) { registerAppeal(input: { expertiseId: $id, filedOn: "2024-05-06", grounds: "x" }) { errors { code } } }',
      (r) => ({ id: r.expertiseId }),
    ],
    [
      'recordActDelivery',
      'SMO',
      'mutation($id: ID!) { recordActDelivery(input: { expertiseId: $id, sentOn: "2024-05-06", method: HAND }) { errors { code } } }',
      (r) => ({ id: r.expertiseId }),
    ],
    [
      'recordActReceipt',
      'MO',
      'mutation($id: ID!) { recordActReceipt(input: { expertiseId: $id, receivedOn: "2024-05-06" }) { errors { code } } }',
      (r) => ({ id: r.expertiseId }),
    ],
    [
      'recordCommissionReview',
      'MO',
      'mutation($id: ID!, $cause: ID!) { recordCommissionReview(input: { caseId: $id, protocolNumber: "1", protocolDate: "2024-05-06", members: [{ name: "А", position: "врач", role: CHAIR }], causes: [{ rootCauseId: $cause }], conclusion: "x" }) { errors { code } } }',
      async (r) => ({ id: r.caseId, cause: (await server.sql<{ id: string }>(`select id from root_cause where code = 'NOT_PRESCRIBED'`))[0].id }),
    ],
    [
      'updateCorrectiveAction',
      'MO',
      'mutation($id: ID!, $v: Int!) { updateCorrectiveAction(input: { id: $id, version: $v, status: IN_PROGRESS }) { errors { code } } }',
      async (r) => {
        const review = await recordReview(server, world.tokens.moA, r.caseId, {
          findingOpinions: [{ findingId: r.findingId, agrees: true }],
          actions: [{ description: 'x', type: 'CORRECTIVE', ownerName: 'А', ownerPosition: 'врач', dueDate: '2024-12-01' }],
        });
        const [action] = review.result!.actions;
        return { id: action.id, v: action.version };
      },
    ],
    [
      'updateCorrectiveAction',
      'MO',
      'mutation($id: ID!, $v: Int!) { updateCorrectiveAction(input: { id: $id, version: $v, status: IN_PROGRESS }) { errors { code } } }',
      async (r) => {
        const review = await recordReview(server, world.tokens.moA, r.caseId, {
          findingOpinions: [{ findingId: r.findingId, agrees: true }],
          actions: [{ description: 'x', type: 'CORRECTIVE', ownerName: 'А', ownerPosition: 'врач', dueDate: '2024-12-01' }],
        });
        const [action] = review.result!.actions;
        return { id: action.id, v: action.version };
      },
    ],
  ];

  it.each(
    probes.flatMap(([name, side, document, vars]) => [[name, side, 'party', document, vars] as const, [name, side, 'the other side', document, vars] as const]),
  )('%s by %s: %s', async (name, side, who, document, vars) => {
    const record = await fresh();
    const party = who === 'party';
    const token = side === 'SMO' ? (party ? world.tokens.expertA : world.tokens.expertB) : party ? world.tokens.moA : world.tokens.moB;
    const body = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: document, variables: await vars(record) }),
    }).then((r) => r.json() as Promise<{ data?: Record<string, { errors: Array<{ code: string }> }>; errors?: unknown[] }>);
    expect(body.errors).toBeUndefined();
    const codes = body.data![name].errors.map((e) => e.code);
    if (party) expect(codes).not.toContain('NOT_FOUND');
    else expect(codes).toEqual(['NOT_FOUND']);
  });
});

describe('case-scoped lists and aggregates, from the party and from the other side', () => {
  it('myTasks, reviewCoverage and quarterlyReport count the case for its MO and not for another MO', async () => {
    const { refusalCase } = (await postRaw(server.url, `query { refusalCase(id: "${caseId}") { number refusalDate } }`, world.tokens.moA)).data as {
      refusalCase: { number: string; refusalDate: string };
    };
    const quarter = Math.floor((Number(refusalCase.refusalDate.slice(5, 7)) - 1) / 3) + 1;
    const year = Number(refusalCase.refusalDate.slice(0, 4));
    const probe = async (token: string) => {
      const data = (
        await postRaw(
          server.url,
          `query { myTasks { caseId } reviewCoverage(year: ${year}, quarter: ${quarter}) { moId cases } quarterlyReport(year: ${year}, quarter: ${quarter}, smoId: "${world.organisations.smoA.id}") { refusals { total } } }`,
          token,
        )
      ).data as {
        myTasks: Array<{ caseId: string }>;
        reviewCoverage: Array<{ moId: string; cases: number }>;
        quarterlyReport: { refusals: { total: number } };
      };
      return {
        task: data.myTasks.some((t) => t.caseId === caseId),
        coverage: data.reviewCoverage.reduce((sum, r) => sum + r.cases, 0),
        total: data.quarterlyReport.refusals.total,
      };
    };
    const party = await probe(world.tokens.moA);
    const other = await probe(world.tokens.moB);
    expect(party.task).toBe(true);
    expect(party.coverage).toBeGreaterThan(0);
    expect(party.total).toBeGreaterThan(0);
    expect(other).toEqual({ task: false, coverage: 0, total: 0 });
    const otherSmo = await postRaw(
      server.url,
      `query { quarterlyReport(year: ${year}, quarter: ${quarter}, smoId: "${world.organisations.smoA.id}") { refusals { total } } }`,
      world.tokens.expertB,
    );
    expect(otherSmo.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
