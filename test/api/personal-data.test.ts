import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddPlanItemDocument,
  ImportRefusalCasesDocument,
  OpenImprovementPlanDocument,
  RegisterRefusalCaseDocument,
  ConfirmPlanItemDocument,
} from '../../client/generated/graphql.js';
import { buildCaseCsv } from '../../server/modules/cases/import/case-sheet.template.js';
import { caseInput, createUserAndLogin, twoSidedWorld } from '../helpers/fixtures.js';
import { postRaw } from '../helpers/operations.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * What an SMO typed about a person is that SMO's record: another insurer that registers the same
 * ЕНП neither reads it, nor changes it, nor learns that it exists.
 */
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
});
afterAll(() => server?.stop());

const PERSON = 'person { enp snils surname name patronymic birthDate }';
const caseOf = async (id: string, token: string) =>
  (await postRaw(server.url, `query { refusalCase(id: "${id}") { number ${PERSON} history { changes { field from to } summary } } }`, token)).data as {
    refusalCase: {
      number: string;
      person: Record<string, string>;
      history: Array<{ changes: Array<{ field: string; from: string | null; to: string | null }>; summary: string }>;
    } | null;
  };

async function registerAsA() {
  const input = caseInput(world.parties);
  const payload = (await server.ok(RegisterRefusalCaseDocument, { input }, world.tokens.expertA)).registerRefusalCase;
  return { input, id: payload.result!.id, number: payload.result!.number };
}

const B_PERSON = { snils: '000-000-001 00', surname: 'Подставной', name: 'Пётр', patronymic: 'Петрович', birthDate: '1990-01-01', sex: 'MALE' as const };

describe('another SMO registers an ЕНП that SMO A already holds', () => {
  it('B gets a record of its own: B reads only what B typed, and A’s record and history stay as A typed them', async () => {
    const a = await registerAsA();
    const inputB = caseInput(world.parties, { person: { enp: a.input.person.enp, ...B_PERSON }, refusalDate: '2024-03-01' });
    const payload = (await server.ok(RegisterRefusalCaseDocument, { input: inputB }, world.tokens.expertB)).registerRefusalCase;
    expect(payload.errors).toEqual([]);
    const b = await caseOf(payload.result!.id, world.tokens.expertB);
    expect(b.refusalCase!.person).toMatchObject({ enp: a.input.person.enp, snils: B_PERSON.snils, surname: 'Подставной', birthDate: '1990-01-01' });
    const bText = JSON.stringify(b);
    for (const secret of [a.input.person.snils!, a.input.person.surname, a.input.person.birthDate, a.number]) expect(bText).not.toContain(secret);

    const seenByA = await caseOf(a.id, world.tokens.expertA);
    expect(seenByA.refusalCase!.person).toMatchObject({ surname: a.input.person.surname, snils: a.input.person.snils, birthDate: a.input.person.birthDate });
    expect(JSON.stringify(seenByA)).not.toContain('Подставной');
  });

  it('the same refusal (ЕНП, bureau, date) registered by B is B’s case: no message names A’s case or its number', async () => {
    const a = await registerAsA();
    const inputB = caseInput(world.parties, { person: { enp: a.input.person.enp, ...B_PERSON } });
    const response = await postRaw(
      server.url,
      `mutation($input: RegisterRefusalCaseInput!) { registerRefusalCase(input: $input) { result { id number } errors { field message code } } }`,
      world.tokens.expertB,
      { input: inputB },
    );
    const text = JSON.stringify(response);
    expect(text).not.toContain(a.number);
    expect(text).not.toContain(a.id);
    const payload = (response.data as { registerRefusalCase: { result: { id: string } | null; errors: unknown[] } }).registerRefusalCase;
    expect(payload.errors).toEqual([]);
    expect(payload.result!.id).not.toBe(a.id);
  });

  it('B’s spreadsheet import with A’s ЕНП, bureau and date creates B’s case and never reports A’s', async () => {
    const a = await registerAsA();
    const [bureau] = await server.sql<{ ogrn: string }>('select ogrn from organisation where id = $1', [world.parties.bureauId]);
    const [mo] = await server.sql<{ ogrn: string }>('select ogrn from organisation where id = $1', [world.parties.moId]);
    const csv = buildCaseCsv([
      {
        enp: a.input.person.enp,
        snils: B_PERSON.snils,
        surname: 'Подставной',
        name: 'Пётр',
        patronymic: '',
        birthDate: '01.01.1990',
        sex: 'М',
        moOgrn: mo.ogrn,
        bureauOgrn: bureau.ogrn,
        referralNumber: '1',
        referralDate: '01.02.2024',
        refusalDate: '20.02.2024',
        refusalDocumentNumber: '1',
        mainDiagnosis: 'I63.5',
        secondaryDiagnoses: '',
        missingExaminations: 'ЭКГ',
        remarks: '',
      },
    ]);
    const report = (
      await server.ok(ImportRefusalCasesDocument, { input: { fileName: 'b.csv', contentBase64: Buffer.from(csv).toString('base64') } }, world.tokens.expertB)
    ).importRefusalCases.result!;
    expect(report.rows[0].status).toBe('CREATED');
    expect(JSON.stringify(report)).not.toContain(a.number);
    expect(report.rows[0].caseId).not.toBe(a.id);
    const seenByA = await caseOf(a.id, world.tokens.expertA);
    expect(seenByA.refusalCase!.person.surname).toBe(a.input.person.surname);
  });

  it('B’s correction of its own person (updateRefusalCase) leaves A’s person untouched', async () => {
    const a = await registerAsA();
    const inputB = caseInput(world.parties, { person: { enp: a.input.person.enp, ...B_PERSON }, refusalDate: '2024-03-02' });
    const b = (await server.ok(RegisterRefusalCaseDocument, { input: inputB }, world.tokens.expertB)).registerRefusalCase.result!;
    const update = await postRaw(
      server.url,
      `mutation($input: UpdateRefusalCaseInput!) { updateRefusalCase(input: $input) { errors { code message } } }`,
      world.tokens.expertB,
      { input: { id: b.id, version: b.version, person: { ...inputB.person, surname: 'Исправленный' } } },
    );
    expect(JSON.stringify(update)).not.toContain(a.number);
    expect((await caseOf(a.id, world.tokens.expertA)).refusalCase!.person.surname).toBe(a.input.person.surname);
    expect((await caseOf(b.id, world.tokens.expertB)).refusalCase!.person.surname).toBe('Исправленный');
  });

  it('the fund sees both SMOs’ cases of one ЕНП, and counts the later one as a repeat refusal across insurers', async () => {
    const a = await registerAsA();
    const inputB = caseInput(world.parties, { person: { enp: a.input.person.enp, ...B_PERSON }, refusalDate: '2024-03-03' });
    await server.ok(RegisterRefusalCaseDocument, { input: inputB }, world.tokens.expertB);
    const fund = (
      await postRaw(
        server.url,
        `query { refusalCases(first: 10, filter: { enp: "${a.input.person.enp}" }) { totalCount edges { node { smo { id } } } } }`,
        world.tokens.monitoring,
      )
    ).data as { refusalCases: { totalCount: number; edges: Array<{ node: { smo: { id: string } } }> } };
    expect(fund.refusalCases.totalCount).toBe(2);
    expect(new Set(fund.refusalCases.edges.map((e) => e.node.smo.id))).toEqual(new Set([world.organisations.smoA.id, world.organisations.smoB.id]));
    const seenByB = (
      await postRaw(server.url, `query { refusalCases(first: 10, filter: { enp: "${a.input.person.enp}" }) { totalCount } }`, world.tokens.expertB)
    ).data as {
      refusalCases: { totalCount: number };
    };
    expect(seenByB.refusalCases.totalCount).toBe(1);

    const repeats = async (token: string, smo = '') =>
      (
        (await postRaw(server.url, `query { quarterlyReport(year: 2024, quarter: 1${smo}) { refusals { repeatRefusals } } }`, token)).data as {
          quarterlyReport: { refusals: { repeatRefusals: number } };
        }
      ).quarterlyReport.refusals.repeatRefusals;
    const [fundRepeats, smoBRepeats] = [await repeats(world.tokens.monitoring), await repeats(world.tokens.expertB)];
    expect(fundRepeats).toBeGreaterThanOrEqual(1);
    // B's own report knows nothing of A's earlier refusal.
    expect(smoBRepeats).toBe(0);
  });
});

describe('plan items addressed to every MO', () => {
  it('an MO reads only its own confirmation, and nobody but an administrator or the user reads a colleague’s last sign-in', async () => {
    const plan = (await server.ok(OpenImprovementPlanDocument, { year: 2024, quarter: 3 }, world.tokens.expertA)).openImprovementPlan.result!;
    const item = (
      await server.ok(
        AddPlanItemDocument,
        {
          input: {
            planId: plan.id,
            measure: 'Сверка перечня обследований',
            responsibleOrganisation: 'МО',
            responsiblePerson: 'Зам. главного врача',
            dueDate: '2024-09-30',
          },
        },
        world.tokens.expertA,
      )
    ).addPlanItem.result!;
    const moAUser = await createUserAndLogin(server, 'MO_COMMISSION', world.organisations.moA.id);
    await server.ok(ConfirmPlanItemDocument, { itemId: item.id, agreed: false, comment: 'Секрет МО А' }, moAUser.token);
    await server.ok(ConfirmPlanItemDocument, { itemId: item.id, agreed: true }, world.tokens.moB);
    await postRaw(server.url, `{ me { id } }`, moAUser.token);

    const query = `query { improvementPlan(year: 2024, quarter: 3, smoId: "${world.organisations.smoA.id}") { items { confirmations { comment mo { id } confirmedBy { login fullName lastLoginAt } } } } }`;
    const seenByMoB = JSON.stringify((await postRaw(server.url, query, world.tokens.moB)).data);
    expect(seenByMoB).not.toContain('Секрет МО А');
    expect(seenByMoB).not.toContain(moAUser.user.login);
    expect(seenByMoB).not.toContain(world.organisations.moA.id);
    expect(seenByMoB).toContain(world.organisations.moB.id);

    const report = JSON.stringify(
      (await postRaw(server.url, `query { quarterlyReport(year: 2024, quarter: 3) { planItems { confirmations } } }`, world.tokens.moB)).data,
    );
    expect(report).not.toContain('Секрет МО А');
    expect(report).not.toContain(world.organisations.moA.shortName);

    const seenBySmo = (await postRaw(server.url, query, world.tokens.expertA)).data as {
      improvementPlan: { items: Array<{ confirmations: Array<{ comment: string | null; confirmedBy: { login: string; lastLoginAt: string | null } }> }> };
    };
    const confirmations = seenBySmo.improvementPlan.items[0].confirmations;
    expect(confirmations.map((c) => c.comment)).toContain('Секрет МО А');
    expect(confirmations.every((c) => c.confirmedBy.lastLoginAt === null)).toBe(true);
    const seenByAdmin = JSON.stringify((await postRaw(server.url, `query { users { login lastLoginAt } }`, server.adminToken)).data);
    expect(seenByAdmin).toMatch(new RegExp(`"login":"${moAUser.user.login}","lastLoginAt":"\\d{4}-`));
  });
});
