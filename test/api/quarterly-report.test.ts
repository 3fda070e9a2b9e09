import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import ExcelJS from 'exceljs';
import { parse } from 'graphql';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AcceptQuarterlyReportDocument,
  AddPlanItemDocument,
  ConfirmPlanItemDocument,
  CreatePerCapitaNormDocument,
  ImprovementPlanDocument,
  OpenImprovementPlanDocument,
  QuarterlyReportDocument,
  QuarterlyReportStatusesDocument,
  QuarterlyReportSubmissionsDocument,
  RecordMoPositionsDocument,
  RegisterAppealDocument,
  RefusalCasesDocument,
  RegisterRefusalCaseDocument,
  ReturnQuarterlyReportDocument,
  RootCausesDocument,
  SettleAppealDocument,
  SignExpertiseDocument,
  SubmitQuarterlyReportDocument,
  UpdateCorrectiveActionDocument,
  UpdatePlanItemDocument,
  type RefusalCaseFilter,
  type RegisterRefusalCaseInput,
  type ReportFigure,
} from '../../client/generated/graphql.js';
import { addFinding, discuss, newEpisode, openExpertise, repeatExpertise } from '../helpers/expertise.js';
import { caseInput, createOrganisation, createUserAndLogin, recordReview, validEnp } from '../helpers/fixtures.js';
import { countStatements, startTestServer, type TestServer } from '../helpers/server.js';
import { renderedPageCount, rendering } from '../helpers/documents.js';

let server: TestServer;
const t: Record<string, string> = {};
const org: Record<string, { id: string; shortName: string }> = {};
const cause: Record<string, string> = {};
/** The second quarter's cases of SMO1, by the names the data set gives them. */
const caseIds: Record<string, string> = {};

const at = (day: string) => vi.stubEnv('RAZBOR_TODAY', day);

function refusal(mo: string, bureau: string, enp: string, refusalDate: string, mainDiagnosis: string, exams: string[]): RegisterRefusalCaseInput {
  const input = caseInput(
    { moId: org[mo].id, bureauId: org[bureau].id },
    {
      referralDate: `${refusalDate.slice(0, 8)}01`,
      refusalDate,
      mainDiagnosis,
      secondaryDiagnoses: [],
      missingExaminations: exams.map((name) => ({ name, namedByBureau: false })),
    },
  );
  return { ...input, person: { ...input.person, enp } };
}

async function register(token: string, input: RegisterRefusalCaseInput) {
  return (await server.ok(RegisterRefusalCaseDocument, { input }, token)).registerRefusalCase.result!;
}

async function signed(expertiseId: string) {
  const version = (await server.sql<{ version: number }>('select version from expertise where id = $1', [expertiseId]))[0].version;
  const { signExpertise } = await server.ok(SignExpertiseDocument, { id: expertiseId, version }, t.expert1);
  expect(signExpertise.errors).toEqual([]);
  return signExpertise.result!;
}

/** The hand-built data set: its figures are worked out in the expectations below. */
beforeAll(async () => {
  server = await startTestServer();
  for (const [key, kind] of [
    ['smo1', 'SMO'],
    ['smo2', 'SMO'],
    ['mo1', 'MO'],
    ['mo2', 'MO'],
    ['bureau1', 'MSE_BUREAU'],
    ['bureau2', 'MSE_BUREAU'],
    ['fund', 'FUND'],
  ] as const) {
    org[key] = await createOrganisation(server, kind, `${key.toUpperCase()}-${Date.now()}`);
  }
  for (const [key, role, o] of [
    ['expert1', 'SMO_EXPERT', 'smo1'],
    ['expert2', 'SMO_EXPERT', 'smo2'],
    ['mo1', 'MO_COMMISSION', 'mo1'],
    ['mo2', 'MO_COMMISSION', 'mo2'],
    ['monitoring', 'MONITORING', 'fund'],
  ] as const) {
    t[key] = (await createUserAndLogin(server, role, org[o].id)).token;
  }
  await server.ok(
    CreatePerCapitaNormDocument,
    { input: { normKindCode: 'INPATIENT', amount: '1000.00', validFrom: '2024-01-01', basis: 'ТП' } },
    server.adminToken,
  );
  for (const c of (await server.ok(RootCausesDocument, {}, t.mo1)).rootCauses) cause[c.code] = c.id;
  const p1 = validEnp();

  at('2024-03-15');
  await register(t.expert1, refusal('mo1', 'bureau1', p1, '2024-02-10', 'I63.5', ['МРТ головного мозга']));
  const q1 = (await server.ok(OpenImprovementPlanDocument, { year: 2024, quarter: 1 }, t.expert1)).openImprovementPlan.result!;
  const q1Item = (
    await server.ok(
      AddPlanItemDocument,
      {
        input: {
          planId: q1.id,
          measure: 'Назначать консультацию невролога до направления',
          targetMoIds: [org.mo1.id],
          responsibleOrganisation: 'МО1',
          responsiblePerson: 'Зам. главного врача',
          dueDate: '2024-06-30',
          rootCauseIds: [cause.NOT_PRESCRIBED],
          defectCodes: ['3.2.1'],
        },
      },
      t.expert1,
    )
  ).addPlanItem.result!;
  await server.ok(UpdatePlanItemDocument, { input: { id: q1Item.id, version: q1Item.version, status: 'IN_PROGRESS' } }, t.expert1);

  at('2024-06-20');
  const c2 = await register(t.expert1, refusal('mo1', 'bureau1', p1, '2024-04-15', 'I69.3', ['МРТ головного мозга', 'ЭКГ']));
  // Typed otherwise, the same examination: the report counts it under one text.
  const c3 = await register(t.expert1, refusal('mo1', 'bureau2', validEnp(), '2024-05-20', 'E11.5', ['экг']));
  const c4 = await register(t.expert1, refusal('mo2', 'bureau1', validEnp(), '2024-06-03', 'C50.9', ['МРТ головного мозга']));
  await register(t.expert2, refusal('mo2', 'bureau1', validEnp(), '2024-05-05', 'I10', ['Консультация кардиолога']));
  Object.assign(caseIds, { c2: c2.id, c3: c3.id, c4: c4.id });

  const e1 = await openExpertise(server, t.expert1, { caseId: c2.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-05-01' });
  const description = 'Обследование не выполнено';
  const f322 = (await addFinding(server, t.expert1, { expertiseId: e1.id, code: '3.2.2', episode: newEpisode('10000.00'), description })).result!;
  const f321 = (await addFinding(server, t.expert1, { expertiseId: e1.id, code: '3.2.1', episodeId: f322.episode.id, description })).result!;
  await discuss(server, t.expert1, e1.id, '2024-06-19');
  await server.ok(
    RecordMoPositionsDocument,
    {
      input: {
        expertiseId: e1.id,
        positions: [
          { findingId: f322.id, position: 'DISAGREES', comment: 'Не согласны' },
          { findingId: f321.id, position: 'AGREES' },
        ],
      },
    },
    t.mo1,
  );
  await signed(e1.id);
  const e2 = await openExpertise(server, t.expert1, { caseId: c4.id, type: 'MEE', kind: 'PLANNED', startDate: '2024-05-01' });
  const f2163 = (await addFinding(server, t.expert1, { expertiseId: e2.id, code: '2.16.3', episode: newEpisode('5000.00'), description })).result!;
  await discuss(server, t.expert1, e2.id, '2024-06-19');
  await server.ok(RecordMoPositionsDocument, { input: { expertiseId: e2.id, positions: [{ findingId: f2163.id, position: 'AGREES' }] } }, t.mo2);
  await signed(e2.id);

  const review2 = (
    await recordReview(server, t.mo1, c2.id, {
      protocolDate: '2024-06-19',
      findingOpinions: [
        { findingId: f322.id, agrees: false, comment: 'Обжалуем' },
        { findingId: f321.id, agrees: true },
      ],
      actions: [
        { description: 'Обучение врачей', type: 'PREVENTIVE', ownerName: 'Иванов', ownerPosition: 'зав. отделением', dueDate: '2024-07-01' },
        { description: 'Приказ о порядке направления', type: 'CORRECTIVE', ownerName: 'Петров', ownerPosition: 'главный врач', dueDate: '2024-06-30' },
      ],
    })
  ).result!;
  const done = review2.actions.find((a) => a.description === 'Приказ о порядке направления')!;
  await server.ok(UpdateCorrectiveActionDocument, { input: { id: done.id, version: done.version, status: 'DONE', evidence: 'Приказ № 7' } }, t.mo1);
  const review3 = (
    await recordReview(server, t.mo1, c3.id, {
      protocolDate: '2024-06-19',
      causes: [{ rootCauseId: cause.NOT_PRESCRIBED }, { rootCauseId: cause.WAITING_LIST }],
      actions: [{ description: 'Закупка аппарата', type: 'CORRECTIVE', ownerName: 'Сидоров', ownerPosition: 'главный врач', dueDate: '2024-12-01' }],
    })
  ).result!;
  const cancelled = review3.actions[0];
  await server.ok(
    UpdateCorrectiveActionDocument,
    { input: { id: cancelled.id, version: cancelled.version, status: 'CANCELLED', cancelReason: 'Передан из другой МО' } },
    t.mo1,
  );
  await server.sql(`update refusal_case set review_due_on = '2024-06-30' where id = $1`, [c2.id]);
  await server.sql(`update refusal_case set review_due_on = '2024-06-01' where id = $1`, [c3.id]);

  const q2 = (await server.ok(OpenImprovementPlanDocument, { year: 2024, quarter: 2 }, t.expert1)).openImprovementPlan.result!;
  const carried = q2.items[0];
  const forAll = (
    await server.ok(
      AddPlanItemDocument,
      {
        input: {
          planId: q2.id,
          measure: 'Сверка перечня обследований по приказу 402н/631н',
          responsibleOrganisation: 'СМО1',
          responsiblePerson: 'Эксперт',
          dueDate: '2024-09-30',
        },
      },
      t.expert1,
    )
  ).addPlanItem.result!;
  await server.ok(ConfirmPlanItemDocument, { itemId: carried.id, agreed: true }, t.mo1);
  await server.ok(ConfirmPlanItemDocument, { itemId: forAll.id, agreed: false, comment: 'Срок нереален' }, t.mo2);

  at('2024-06-25');
  await server.ok(RegisterAppealDocument, { input: { expertiseId: e1.id, filedOn: '2024-06-25', grounds: 'Не согласны с 3.2.2' } }, t.mo1);
  at('2024-06-28');
  await server.ok(
    SettleAppealDocument,
    {
      input: { expertiseId: e1.id, outcome: 'PARTLY', decidedOn: '2024-06-28', standingFindingIds: [f321.id], repeatExpertise: repeatExpertise('2024-06-27') },
    },
    t.monitoring,
  );
  at('2024-07-10');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

const report = async (token: string, smoId?: string) => (await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 2, smoId }, token)).quarterlyReport;
const rows = (list: Array<{ label: string; count: number; previousCount?: number | null }>) => list.map((r) => [r.label, r.count, r.previousCount ?? null]);

describe('the quarterly report, on a data set whose figures are known', () => {
  it('refusals: by MO, by bureau, by МКБ-10 chapter, missing examinations, repeats, change on the previous quarter', async () => {
    const { refusals } = await report(t.expert1);
    expect(refusals).toMatchObject({ total: 3, previousTotal: 1, changePercent: 200, repeatRefusals: 1 });
    expect(rows(refusals.byMo)).toEqual([
      [org.mo1.shortName, 2, 1],
      [org.mo2.shortName, 1, 0],
    ]);
    expect(rows(refusals.byBureau)).toEqual([
      [org.bureau1.shortName, 2, 1],
      [org.bureau2.shortName, 1, 0],
    ]);
    expect(refusals.byIcdChapter.map((r) => [r.key, r.count, r.previousCount])).toEqual([
      ['II', 1, 0],
      ['IV', 1, 0],
      ['IX', 1, 1],
    ]);
    // The classes and their names are the МКБ-10 dictionary's, not a table kept by hand.
    expect(refusals.byIcdChapter.find((r) => r.key === 'IX')!.label).toBe('IX. Болезни системы кровообращения');
    // Written as text, they are «другое», counted apart from the НМУ-coded ones.
    expect(refusals.topMissingExaminations).toEqual([]);
    expect(refusals.otherMissingExaminations.map((r) => [r.label, r.count])).toEqual([
      ['МРТ головного мозга', 2],
      ['ЭКГ', 2],
    ]);
  });

  it('computes only what the client selects: refusals by MO alone are one SQL statement, with the same figures', async () => {
    type Answer = { quarterlyReport: { refusals: { byMo: Array<{ label: string; count: number; previousCount: number }> } } };
    const byMoOnly = parse(
      'query($year: Int!, $quarter: Int!) { quarterlyReport(year: $year, quarter: $quarter) { refusals { byMo { label count previousCount } } } }',
    ) as TypedDocumentNode<Answer, { year: number; quarter: number }>;
    let answer: Answer | undefined;
    const statements = await countStatements(server, async () => {
      answer = await server.ok(byMoOnly, { year: 2024, quarter: 2 }, t.expert1);
    });
    expect(answer?.quarterlyReport.refusals.byMo.map((r) => [r.label, r.count, r.previousCount])).toEqual([
      [org.mo1.shortName, 2, 1],
      [org.mo2.shortName, 1, 0],
    ]);
    // the sign-in check and the breakdown
    expect(statements).toBe(2);
  });

  it('expertise: counts, findings by code and amounts by MO after the appeal, disagreement share, appeals', async () => {
    const { expertise } = await report(t.expert1);
    expect(expertise).toMatchObject({
      meeCount: 1,
      ekmpCount: 1,
      totalAmountNotPaid: '6000.00',
      totalFine: '0.00',
      disagreementPercent: 33.3,
      appeals: { filed: 1, pending: 0, upheld: 0, overturned: 0, partly: 1 },
    });
    expect(expertise.findingsByCode.map((r) => [r.key, r.count])).toEqual([
      ['2.16.3', 1],
      ['3.2.1', 1],
    ]);
    expect(expertise.amountsByMo.map((r) => [r.label, r.findings, r.amountNotPaid, r.fine])).toEqual([
      [org.mo1.shortName, 1, '1000.00', '0.00'],
      [org.mo2.shortName, 1, '5000.00', '0.00'],
    ]);
  });

  it('reviews: coverage and on-time share by MO, root causes, actions', async () => {
    const { reviews } = await report(t.expert1);
    expect(reviews.coverageByMo.map((r) => [r.label, r.cases, r.reviewed, r.reviewedOnTime, r.coveragePercent, r.onTimePercent])).toEqual([
      [org.mo1.shortName, 2, 2, 1, 100, 50],
      [org.mo2.shortName, 1, 0, 0, 0, null],
    ]);
    expect(reviews.rootCauses.map((r) => [r.key, r.count])).toEqual([
      [cause.NOT_PRESCRIBED, 2],
      [cause.WAITING_LIST, 1],
    ]);
    expect(reviews.actions).toEqual({ planned: 1, inProgress: 0, done: 1, cancelled: 1, overdue: 1 });
  });

  it('the plan, carried over and confirmed jointly, and its effect: refusals for the targeted MO and cause before and after', async () => {
    const r = await report(t.expert1);
    expect(r.planItems.map((i) => [i.measure, i.targets, i.confirmations])).toEqual([
      ['Назначать консультацию невролога до направления', org.mo1.shortName, `${org.mo1.shortName}: согласовано`],
      ['Сверка перечня обследований по приказу 402н/631н', 'все МО', `${org.mo2.shortName}: замечания — Срок нереален`],
    ]);
    expect(r.planItems[0].outcome).toContain('Перенесено из плана 1 квартала 2024 года (выполняется)');
    expect(r.planEffect.map((e) => [e.moName, e.cause, e.before, e.after])).toEqual([[org.mo1.shortName, 'Обследование не назначено', 0, 2]]);
  });
});

describe("the report's figures open the cases behind them", () => {
  const listOf = async (filter: RefusalCaseFilter, quarter = 2) => {
    const { refusalCases } = await server.ok(RefusalCasesDocument, { first: 50, filter: { ...filter, quarter: { year: 2024, quarter } } }, t.expert1);
    const names = Object.fromEntries(Object.entries(caseIds).map(([name, id]) => [id, name]));
    return refusalCases.edges.map((e) => names[e.node.id] ?? e.node.id).sort();
  };
  const figure = (reportFigure: ReportFigure, extra: Omit<RefusalCaseFilter, 'reportFigure'> = {}, key: string | null = null) =>
    listOf({ ...extra, reportFigure: { figure: reportFigure, key } });

  it('amounts, disagreement, reviews, actions, free text and the plan effect: each figure opens exactly the cases it counts', async () => {
    const r = await report(t.expert1);
    const { mo1, mo2 } = org;
    // The figures these lists stand for are asserted by the tests above (6 000,00 not paid, one action of each status…).
    const opened = {
      findings: await figure('FINDINGS'),
      notPaid: await figure('AMOUNT_NOT_PAID'),
      notPaidMo1: await figure('AMOUNT_NOT_PAID', { moId: mo1.id }),
      notPaidMo2: await figure('AMOUNT_NOT_PAID', { moId: mo2.id }),
      fine: await figure('FINE'),
      disagrees: await figure('MO_DISAGREES'),
      reviewedMo1: await figure('REVIEWED', { moId: mo1.id }),
      onTimeMo1: await figure('REVIEWED_ON_TIME', { moId: mo1.id }),
      reviewedMo2: await figure('REVIEWED', { moId: mo2.id }),
      planned: await figure('ACTIONS_PLANNED'),
      inProgress: await figure('ACTIONS_IN_PROGRESS'),
      done: await figure('ACTIONS_DONE'),
      cancelled: await figure('ACTIONS_CANCELLED'),
      overdue: await figure('ACTIONS_OVERDUE'),
      text: await figure('EXAMINATIONS_TEXT'),
      coded: await figure('EXAMINATIONS_CODED'),
      ...Object.fromEntries(
        await Promise.all(r.refusals.otherMissingExaminations.map(async (row) => [row.label, await figure('OTHER_EXAMINATION', {}, row.key)])),
      ),
    };
    expect(opened).toEqual({
      findings: ['c2', 'c4'],
      notPaid: ['c2', 'c4'],
      notPaidMo1: ['c2'],
      notPaidMo2: ['c4'],
      fine: [],
      disagrees: ['c2'],
      reviewedMo1: ['c2', 'c3'],
      onTimeMo1: ['c2'],
      reviewedMo2: [],
      planned: ['c2'],
      inProgress: [],
      done: ['c2'],
      cancelled: ['c3'],
      overdue: ['c2'],
      text: ['c2', 'c3', 'c4'],
      coded: [],
      'МРТ головного мозга': ['c2', 'c4'],
      ЭКГ: ['c2', 'c3'],
    });
    // The plan's effect: refusals at the targeted MO whose review names the cause, before (the plan's quarter) and after.
    const [effect] = r.planEffect;
    const causeCases = (quarter: number) => listOf({ moId: effect.moId, reportFigure: { figure: 'ROOT_CAUSE', key: effect.causeId! } }, quarter);
    expect([await causeCases(1), await causeCases(2)]).toEqual([[], ['c2', 'c3']]);
    expect([effect.before, effect.after]).toEqual([0, 2]);
  });
});

describe('who sees which report', () => {
  it('an SMO sees only its own; an MO only its own figures and items; the fund any SMO or all together', async () => {
    const other = await server.gql(QuarterlyReportDocument, { year: 2024, quarter: 2, smoId: org.smo1.id }, t.expert2);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await report(t.expert2)).refusals.total).toBe(1);
    const seenByMo1 = await report(t.mo1, org.smo1.id);
    expect(rows(seenByMo1.refusals.byMo)).toEqual([[org.mo1.shortName, 2, 1]]);
    expect(seenByMo1.planItems.map((i) => i.measure)).toHaveLength(2);
    const seenByMo2 = await report(t.mo2, org.smo1.id);
    expect(seenByMo2.refusals.total).toBe(1);
    expect(seenByMo2.planItems.map((i) => i.targets)).toEqual(['все МО']);
    const all = await report(t.monitoring);
    expect(all).toMatchObject({ smoId: null, smoName: 'Все СМО', refusals: { total: 4 } });
    expect((await report(t.monitoring, org.smo1.id)).refusals.total).toBe(3);
    // An organisation that is not an SMO is no SMO's report: not an empty one.
    for (const token of [t.monitoring, t.mo1]) {
      const notAnSmo = await server.gql(QuarterlyReportDocument, { year: 2024, quarter: 2, smoId: org.mo1.id }, token);
      expect(notAnSmo.errors?.[0]).toMatchObject({ message: 'smoId: СМО не найдена', extensions: { field: 'smoId' } });
    }
    const plan = (await server.ok(ImprovementPlanDocument, { year: 2024, quarter: 2, smoId: org.smo1.id }, t.mo2)).improvementPlan;
    expect(plan?.items.map((i) => i.measure)).toEqual(['Сверка перечня обследований по приказу 402н/631н']);
    // What each may do with the items: the SMO keeping the plan edits, an addressed MO answers, the fund reads.
    const itemsAs = async (token: string) =>
      (await server.ok(ImprovementPlanDocument, { year: 2024, quarter: 2, smoId: org.smo1.id }, token)).improvementPlan!.items.map((i) => [
        i.editable,
        i.mayConfirm,
      ]);
    expect(new Set((await itemsAs(t.expert1)).map(String))).toEqual(new Set(['true,false']));
    expect(await itemsAs(t.mo2)).toEqual([[false, true]]);
    expect(new Set((await itemsAs(t.monitoring)).map(String))).toEqual(new Set(['false,false']));
  });
});

describe('exports', () => {
  const download = (path: string, token: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  async function sheetRows(buffer: ArrayBuffer, name: string): Promise<unknown[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const sheet = workbook.getWorksheet(name)!;
    const result: unknown[][] = [];
    sheet.eachRow((row) => result.push((row.values as unknown[]).slice(1)));
    return result;
  }

  it('the XLSX holds the numbers of the GraphQL report, with frozen headers and totals', async () => {
    const figures = await report(t.expert1);
    const response = await download('/reports/quarterly.xlsx?year=2024&quarter=2', t.expert1);
    expect(response.status).toBe(200);
    const buffer = await response.arrayBuffer();
    const refusals = await sheetRows(buffer, 'Отказы');
    for (const row of figures.refusals.byMo) expect(refusals).toContainEqual([row.label, row.count, row.previousCount]);
    expect(refusals).toContainEqual(['Итого', 3, 1]);
    const expertise = await sheetRows(buffer, 'Экспертизы');
    for (const row of figures.expertise.amountsByMo) {
      expect(expertise).toContainEqual([row.label, row.findings, Number(row.amountNotPaid), Number(row.fine)]);
    }
    expect(expertise).toContainEqual(['Итого', 2, Number(figures.expertise.totalAmountNotPaid), Number(figures.expertise.totalFine)]);
    const reviews = await sheetRows(buffer, 'Разборы');
    expect(reviews).toContainEqual([org.mo1.shortName, 2, 2, 1, 100, 50]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Отказы', 'Экспертизы', 'Разборы', 'План']);
    expect(workbook.getWorksheet('Экспертизы')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('the XLSX prints each sheet one page wide: a short quarter is a page a sheet, no column left on a page of its own', async () => {
    const content = await (await download('/reports/quarterly.xlsx?year=2024&quarter=2', t.expert1)).arrayBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content);
    for (const sheet of workbook.worksheets)
      expect([sheet.name, sheet.pageSetup]).toMatchObject([sheet.name, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }]);
    if (rendering) expect(await renderedPageCount(Buffer.from(content), 'xlsx')).toBe(workbook.worksheets.length);
  });

  it('the XLSX wraps every text cell within its column: a long defect text is read whole, not cut at the edge', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await download('/reports/quarterly.xlsx?year=2024&quarter=2', t.expert1)).arrayBuffer());
    const unwrapped: string[] = [];
    let texts = 0;
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row, number) => {
        if (number < 3) return; // the sheet's title and the first table's title span the page
        row.eachCell((cell, column) => {
          if (typeof cell.value !== 'string' || (row.cellCount === 1 && column === 1)) return;
          texts += 1;
          if (!cell.alignment?.wrapText) unwrapped.push(`${sheet.name}!${cell.address}: ${cell.value}`);
          // A spreadsheet does not grow a row by itself: a text longer than its column needs a taller row.
          const width = sheet.getColumn(column).width ?? 10;
          if (cell.value.length > width && !(row.height > 15)) unwrapped.push(`${sheet.name}!${cell.address} (row not taller): ${cell.value}`);
        });
      });
    expect(texts).toBeGreaterThan(10);
    expect(unwrapped).toEqual([]);
  });

  it('the DOCX is a covering letter to the monitoring department with the same figures', async () => {
    const response = await download('/reports/quarterly.docx?year=2024&quarter=2', t.expert1);
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const plain = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(plain).toContain('Отдел мониторинга качества медицинской помощи');
    expect(plain).toContain('За квартал зарегистрировано отказов: 3 (в предыдущем квартале — 1)');
    expect(plain).toContain('Не подлежит оплате (по одному основанию на случай оказания помощи): 6\u00a0000,00\u00a0₽ (шесть тысяч рублей 00 копеек)');
    expect(plain).toContain('Назначать консультацию невролога до направления');
  });

  it('follows the same access rules', async () => {
    expect((await download(`/reports/quarterly.xlsx?year=2024&quarter=2&smoId=${org.smo1.id}`, t.expert2)).status).toBe(403);
    expect((await fetch(`${server.url}/reports/quarterly.xlsx?year=2024&quarter=2`)).status).toBe(401);
  });
});

describe('submission', () => {
  it('freezes the figures; a returned report is submitted again as a new version and both stay readable', async () => {
    const first = (await server.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 2 }, t.expert1)).submitQuarterlyReport;
    expect(first.errors).toEqual([]);
    expect(first.result).toMatchObject({ revision: 1, status: 'SUBMITTED', submittedOn: '2024-07-10', dueOn: '2024-07-12', late: false, mayDecide: false });
    const byFund = (await server.ok(QuarterlyReportSubmissionsDocument, { year: 2024, quarter: 2, smoId: org.smo1.id }, t.monitoring))
      .quarterlyReportSubmissions;
    expect(byFund.map((s) => s.mayDecide)).toEqual([true]);
    const again = (await server.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 2 }, t.expert1)).submitQuarterlyReport;
    expect(again.errors[0]).toMatchObject({ code: 'NOT_ALLOWED', message: 'Отчёт за этот квартал уже сдан и ждёт решения' });

    await register(t.expert1, refusal('mo2', 'bureau2', validEnp(), '2024-06-10', 'J44.1', ['Спирометрия']));
    expect((await report(t.expert1)).refusals.total).toBe(4);
    const [frozen] = (await server.ok(QuarterlyReportSubmissionsDocument, { year: 2024, quarter: 2 }, t.expert1)).quarterlyReportSubmissions;
    expect(frozen.figures.refusals.total).toBe(3);
    await expect(server.sql(`update report_submission set figures = '{}' where id = $1`, [frozen.id])).rejects.toThrow(/не изменяется/);

    const returned = (await server.ok(ReturnQuarterlyReportDocument, { id: frozen.id, comment: 'Добавьте случай от 10.06' }, t.monitoring))
      .returnQuarterlyReport;
    expect(returned.result).toMatchObject({ status: 'RETURNED', reviewComment: 'Добавьте случай от 10.06' });
    at('2024-07-15');
    const second = (await server.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 2 }, t.expert1)).submitQuarterlyReport;
    expect(second.result).toMatchObject({ revision: 2, late: true, figures: { refusals: { total: 4 } } });
    const accepted = (await server.ok(AcceptQuarterlyReportDocument, { id: second.result!.id }, t.monitoring)).acceptQuarterlyReport;
    expect(accepted.result?.status).toBe('ACCEPTED');
    const versions = (await server.ok(QuarterlyReportSubmissionsDocument, { year: 2024, quarter: 2 }, t.monitoring)).quarterlyReportSubmissions;
    expect(versions.map((v) => [v.revision, v.status, v.figures.refusals.total])).toEqual([
      [2, 'ACCEPTED', 4],
      [1, 'RETURNED', 3],
    ]);
    expect(versions.map((v) => v.mayDecide)).toEqual([false, false]);

    const frozenFile = await fetch(`${server.url}/reports/submissions/${frozen.id}.xlsx`, { headers: { authorization: `Bearer ${t.monitoring}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await frozenFile.arrayBuffer());
    const totals: unknown[][] = [];
    workbook.getWorksheet('Отказы')!.eachRow((r) => totals.push((r.values as unknown[]).slice(1)));
    expect(totals).toContainEqual(['Итого', 3, 1]);
    expect((await fetch(`${server.url}/reports/submissions/${frozen.id}.xlsx`, { headers: { authorization: `Bearer ${t.expert2}` } })).status).toBe(404);
  });

  it('the fund sees which SMO reports are late', async () => {
    at('2024-07-15');
    const statuses = (await server.ok(QuarterlyReportStatusesDocument, { year: 2024, quarter: 2 }, t.monitoring)).quarterlyReportStatuses;
    const bySmo = new Map(statuses.map((s) => [s.smo.id, s]));
    expect(bySmo.get(org.smo2.id)).toMatchObject({ dueOn: '2024-07-12', late: true, latest: null });
    expect(bySmo.get(org.smo1.id)?.latest?.status).toBe('ACCEPTED');
  });
});
