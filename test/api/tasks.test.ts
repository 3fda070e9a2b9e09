import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AddPlanItemDocument,
  ConfirmPlanItemDocument,
  CreatePerCapitaNormDocument,
  OpenImprovementPlanDocument,
  ReturnQuarterlyReportDocument,
  SubmitQuarterlyReportDocument,
  MyTasksDocument,
  type MyTasksQuery,
  type MyTasksQueryVariables,
  RecordMoPositionsDocument,
  RegisterRefusalCaseDocument,
  RecordActDeliveryDocument,
  RecordActReceiptDocument,
  SignExpertiseDocument,
} from '../../client/generated/graphql.js';
import { addFinding, discuss, openExpertise, newEpisode } from '../helpers/expertise.js';
import { caseInput, createOrganisation, createUserAndLogin, recordReview } from '../helpers/fixtures.js';
import { countStatements, startTestServer, type TestServer } from '../helpers/server.js';

const TODAY = '2024-05-08';

let server: TestServer;
let expert: string;
let mo: string;
let monitoring: string;
const cases: Record<string, { id: string; number: string }> = {};
let bureauId: string;

const finding = (expertiseId: string) => ({
  expertiseId,
  code: '3.2.1',
  description: 'Не назначена консультация невролога',
  episode: newEpisode('30000.00'),
});

/**
 * A prepared data set, today being 08.05.2024 (9 and 10 May are days off):
 * Overdue counts the working days after the due date (06.05 → 7 and 8 May: −2).
 * A — review overdue (due 06.05); B — review due 24.05; C — reviewed, actions due 03.05 (overdue),
 * 13.05 (soon) and 30.06 (later); D — findings not yet discussed; E — documents requested 10.04,
 * never received; F — discussed, MO positions given, ready to sign; G — signed, handed to the MO and
 * received 19.04, appeal window ends 16.05.
 */
beforeAll(async () => {
  vi.stubEnv('RAZBOR_TODAY', TODAY);
  server = await startTestServer();
  const [smo, moOrg, bureau, fund] = await Promise.all([
    createOrganisation(server, 'SMO'),
    createOrganisation(server, 'MO'),
    createOrganisation(server, 'MSE_BUREAU'),
    createOrganisation(server, 'FUND'),
  ]);
  bureauId = bureau.id;
  [expert, mo, monitoring] = (
    await Promise.all([
      createUserAndLogin(server, 'SMO_EXPERT', smo.id),
      createUserAndLogin(server, 'MO_COMMISSION', moOrg.id),
      createUserAndLogin(server, 'MONITORING', fund.id),
    ])
  ).map((u) => u.token);
  await server.ok(
    CreatePerCapitaNormDocument,
    { input: { normKindCode: 'INPATIENT', amount: '25000.00', validFrom: '2024-01-01', basis: 'ТП' } },
    server.adminToken,
  );
  for (const key of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) {
    cases[key] = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput({ moId: moOrg.id, bureauId: bureau.id }) }, expert)).registerRefusalCase
      .result!;
  }
  await server.sql(`update refusal_case set review_due_on = '2024-05-06' where id = $1`, [cases.A.id]);
  // A sitting before the May holidays: one of its actions fell due before them.
  await recordReview(server, mo, cases.C.id, {
    protocolDate: '2024-04-26',
    actions: [
      { description: 'Просроченное мероприятие', type: 'CORRECTIVE', ownerName: 'Кокоев', ownerPosition: 'заведующий', dueDate: '2024-05-03' },
      { description: 'Срочное мероприятие', type: 'PREVENTIVE', ownerName: 'Кокоев', ownerPosition: 'заведующий', dueDate: '2024-05-13' },
      { description: 'Дальнее мероприятие', type: 'PREVENTIVE', ownerName: 'Кокоев', ownerPosition: 'заведующий', dueDate: '2024-06-30' },
    ],
  });
  for (const key of ['D', 'E', 'F', 'G']) await server.sql('update refusal_case set review_due_on = null where id = $1', [cases[key].id]);
  const d = await openExpertise(server, expert, { caseId: cases.D.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
  await addFinding(server, expert, finding(d.id));
  await openExpertise(server, expert, { caseId: cases.E.id, type: 'MEE', kind: 'PLANNED', startDate: '2024-04-10', documentsRequestedOn: '2024-04-10' });
  const f = await openExpertise(server, expert, { caseId: cases.F.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
  const fFinding = (await addFinding(server, expert, finding(f.id))).result!;
  await discuss(server, expert, f.id, '2024-05-06');
  await server.ok(RecordMoPositionsDocument, { input: { expertiseId: f.id, positions: [{ findingId: fFinding.id, position: 'AGREES' }] } }, mo);
  vi.stubEnv('RAZBOR_TODAY', '2024-04-19');
  const g = await openExpertise(server, expert, { caseId: cases.G.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
  const gFinding = (await addFinding(server, expert, finding(g.id))).result!;
  await discuss(server, expert, g.id, '2024-04-18');
  await server.ok(RecordMoPositionsDocument, { input: { expertiseId: g.id, positions: [{ findingId: gFinding.id, position: 'AGREES' }] } }, mo);
  const version = (await server.sql<{ version: number }>('select version from expertise where id = $1', [g.id]))[0].version;
  expect((await server.ok(SignExpertiseDocument, { id: g.id, version }, expert)).signExpertise.errors).toEqual([]);
  // The act handed over the same day: the appeal window runs from this receipt.
  await server.ok(RecordActDeliveryDocument, { input: { expertiseId: g.id, sentOn: '2024-04-19', method: 'HAND' } }, expert);
  await server.ok(RecordActReceiptDocument, { input: { expertiseId: g.id, receivedOn: '2024-04-19' } }, mo);
  vi.stubEnv('RAZBOR_TODAY', TODAY);
});
afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

const tasksOf = async (token: string) =>
  (await server.ok(MyTasksDocument, {}, token)).myTasks.map((t) => [t.kind, t.caseNumber, t.dueOn, t.workingDaysLeft, t.overdue]);

describe('myTasks, most urgent first', () => {
  it('for the MO commission: overdue action, overdue review, action due soon, reviews due, then positions to give', async () => {
    expect(await tasksOf(mo)).toEqual([
      ['ACTION_OVERDUE', cases.C.number, '2024-05-03', -3, true],
      ['REVIEW_DUE', cases.A.number, '2024-05-06', -2, true],
      ['ACTION_DUE', cases.C.number, '2024-05-13', 1, false],
      ['REVIEW_DUE', cases.B.number, '2024-05-24', 10, false],
      ['REVIEW_DUE', cases.D.number, null, null, false],
      ['REVIEW_DUE', cases.E.number, null, null, false],
      ['REVIEW_DUE', cases.F.number, null, null, false],
      ['REVIEW_DUE', cases.G.number, null, null, false],
      ['MO_POSITION_NEEDED', cases.D.number, null, null, false],
    ]);
  });

  it('for the SMO expert: documents overdue, appeal window closing, then discussions to hold and drafts to sign', async () => {
    expect(await tasksOf(expert)).toEqual([
      ['DOCUMENTS_OVERDUE', cases.E.number, '2024-04-24', -8, true],
      ['APPEAL_WINDOW_CLOSING', cases.G.number, '2024-05-16', 4, false],
      ['DISCUSSION_NEEDED', cases.D.number, null, null, false],
      ['READY_TO_SIGN', cases.F.number, null, null, false],
      ['CASE_WITHOUT_EXPERTISE', cases.A.number, null, null, false],
      ['CASE_WITHOUT_EXPERTISE', cases.B.number, null, null, false],
      ['CASE_WITHOUT_EXPERTISE', cases.C.number, null, null, false],
    ]);
  });

  it('for the fund: overdue actions and reviews across all organisations', async () => {
    expect(await tasksOf(monitoring)).toEqual([
      ['ACTION_OVERDUE', cases.C.number, '2024-05-03', -3, true],
      ['REVIEW_OVERDUE', cases.A.number, '2024-05-06', -2, true],
    ]);
  });
});

describe('a long queue', () => {
  it('the most urgent first tasks and the count of all, worked out once per request; a negative count is refused at first', async () => {
    // Two more findings to discuss and a case more without an expertise, at another MO: undated kinds of several tasks each.
    const otherMo = await createOrganisation(server, 'MO');
    for (const discussWith of [true, true, false]) {
      const registered = await server.ok(RegisterRefusalCaseDocument, { input: caseInput({ moId: otherMo.id, bureauId }) }, expert);
      // Their reviews overdue too: the fund's queue holds several of one kind.
      await server.sql(`update refusal_case set review_due_on = '2024-05-02' where id = $1`, [registered.registerRefusalCase.result!.id]);
      if (!discussWith) continue;
      const opened = await openExpertise(server, expert, {
        caseId: registered.registerRefusalCase.result!.id,
        type: 'EKMP',
        kind: 'TARGETED',
        startDate: '2024-04-01',
      });
      expect((await addFinding(server, expert, finding(opened.id))).errors).toEqual([]);
    }
    const all = await tasksOf(mo);
    let answer: Awaited<ReturnType<typeof server.ok<MyTasksQuery, MyTasksQueryVariables>>> | undefined;
    const statements = await countStatements(server, async () => {
      answer = await server.ok(MyTasksDocument, { first: 2 }, mo);
    });
    expect(answer!.myTaskCount).toBe(all.length);
    expect(answer!.myTasks.map((t) => [t.kind, t.caseNumber, t.dueOn, t.workingDaysLeft, t.overdue])).toEqual(all.slice(0, 2));
    const alone = await countStatements(server, () => server.ok(MyTasksDocument, {}, mo));
    expect(statements).toBe(alone);
    // The SMO's cases without an expertise are built only as far as asked: every cut is still exact, and the count whole.
    const expertTasks = await tasksOf(expert);
    expect(expertTasks.filter(([kind]) => kind === 'CASE_WITHOUT_EXPERTISE').length).toBeGreaterThan(1);
    expect(expertTasks.filter(([kind]) => kind === 'DISCUSSION_NEEDED').length).toBeGreaterThan(1);
    expect((await tasksOf(monitoring)).filter(([kind]) => kind === 'REVIEW_OVERDUE').length).toBeGreaterThan(1);
    // The list asked before the count: the queue is built for the list's cut, and the count comes from it.
    const listThenCount = parse(
      'query($first: Int) { myTasks(first: $first) { kind caseNumber dueOn workingDaysLeft overdue } myTaskCount }',
    ) as TypedDocumentNode<Pick<MyTasksQuery, 'myTasks' | 'myTaskCount'>, MyTasksQueryVariables>;
    for (const [who, token] of Object.entries({ expert, mo, monitoring })) {
      const whole = await tasksOf(token);
      for (let first = 0; first <= whole.length + 1; first++) {
        const cut = await server.ok(listThenCount, { first }, token);
        expect([who, first, cut.myTaskCount, cut.myTasks.map((t) => [t.kind, t.caseNumber, t.dueOn, t.workingDaysLeft, t.overdue])]).toEqual([
          who,
          first,
          whole.length,
          whole.slice(0, first),
        ]);
      }
    }
    const refused = await server.gql(MyTasksDocument, { first: -1 }, mo);
    expect(refused.errors?.[0]).toMatchObject({ message: 'first: не меньше 0', extensions: { field: 'first' } });
  });

  it('aliases asking for thirty different cuts build the queue at most twice: the first cut, then the whole', async () => {
    const expertTasks = await tasksOf(expert);
    const cuts = Array.from({ length: 30 }, (_, i) => i + 1);
    const aliases = parse(
      `query { ${cuts.map((n) => `c${n}: myTasks(first: ${n}) { kind caseNumber dueOn workingDaysLeft overdue }`).join(' ')} myTaskCount }`,
    ) as TypedDocumentNode<Record<string, Array<{ kind: string }>> & { myTaskCount: number }>;
    let answer: Record<string, unknown> = {};
    const statements = await countStatements(server, async () => {
      answer = await server.ok(aliases, {}, expert);
    });
    for (const n of cuts)
      expect([n, answer[`c${n}`]]).toEqual([
        n,
        expertTasks.slice(0, n).map(([kind, caseNumber, dueOn, left, overdue]) => ({ kind, caseNumber, dueOn, workingDaysLeft: left, overdue })),
      ]);
    expect(answer.myTaskCount).toBe(expertTasks.length);
    const cutOfOne = await countStatements(server, () => server.ok(MyTasksDocument, { first: 1 }, expert));
    const whole = await countStatements(server, () => server.ok(MyTasksDocument, {}, expert));
    // Each request also checks the sign-in once: two builds cost less than the two requests apart.
    expect(statements).toBeLessThan(cutOfOne + whole);
  });
});

describe('work queues beyond the cases: each item links to where it is done', () => {
  const queueOf = async (token: string) => (await server.ok(MyTasksDocument, {}, token)).myTasks;

  it('the MO acknowledges an act sent to it and agrees the plan items addressed to it; each leaves the queue once done', async () => {
    const h = await openExpertise(server, expert, { caseId: cases.A.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    const hFinding = (await addFinding(server, expert, finding(h.id))).result!;
    await discuss(server, expert, h.id, '2024-05-06');
    await server.ok(RecordMoPositionsDocument, { input: { expertiseId: h.id, positions: [{ findingId: hFinding.id, position: 'AGREES' }] } }, mo);
    const version = (await server.sql<{ version: number }>('select version from expertise where id = $1', [h.id]))[0].version;
    expect((await server.ok(SignExpertiseDocument, { id: h.id, version }, expert)).signExpertise.errors).toEqual([]);
    const sent = await server.ok(RecordActDeliveryDocument, { input: { expertiseId: h.id, sentOn: '2024-05-08', method: 'MAIL' } }, expert);
    expect(sent.recordActDelivery.errors).toEqual([]);
    const plan = (await server.ok(OpenImprovementPlanDocument, { year: 2024, quarter: 2 }, expert)).openImprovementPlan.result!;
    const item = (
      await server.ok(
        AddPlanItemDocument,
        {
          input: {
            planId: plan.id,
            measure: 'Сверка обследований с приказом',
            responsibleOrganisation: 'МО',
            responsiblePerson: 'Зам. главного врача',
            dueDate: '2024-06-28',
          },
        },
        expert,
      )
    ).addPlanItem.result!;

    const queue = await queueOf(mo);
    // Sent 08.05 by mail: five working days to confirm, past the May holidays (9, 10 May).
    expect(queue.find((t) => t.kind === 'ACT_TO_ACKNOWLEDGE')).toMatchObject({
      caseNumber: cases.A.number,
      link: `/cases/${cases.A.id}`,
      dueOn: '2024-05-17',
      workingDaysLeft: 5,
      title: `Подтвердить получение акта ${h.number}, направленного 08.05.2024`,
    });
    const toAgree = queue.find((t) => t.kind === 'PLAN_ITEM_TO_AGREE');
    const [{ smo_id: smoId }] = await server.sql<{ smo_id: string }>('select smo_id from improvement_plan where id = $1', [plan.id]);
    expect(toAgree).toMatchObject({ caseNumber: null, link: `/plan?year=2024&quarter=2&smo=${smoId}` });
    expect(toAgree!.title).toContain('«Сверка обследований с приказом»');

    expect((await server.ok(RecordActReceiptDocument, { input: { expertiseId: h.id, receivedOn: '2024-05-08' } }, mo)).recordActReceipt.errors).toEqual([]);
    await server.ok(ConfirmPlanItemDocument, { itemId: item.id, agreed: true }, mo);
    const after = (await queueOf(mo)).map((t) => t.kind);
    expect(after).not.toContain('ACT_TO_ACKNOWLEDGE');
    expect(after).not.toContain('PLAN_ITEM_TO_AGREE');
  });

  it('the fund accepts or returns submitted reports; a returned one waits in the SMO expert queue', async () => {
    const submitted = (await server.ok(SubmitQuarterlyReportDocument, { year: 2024, quarter: 1 }, expert)).submitQuarterlyReport;
    expect(submitted.errors).toEqual([]);
    const smoId = (await server.sql<{ smo_id: string }>('select smo_id from report_submission where id = $1', [submitted.result!.id]))[0].smo_id;
    expect((await queueOf(monitoring)).find((t) => t.kind === 'REPORT_TO_ACCEPT')).toMatchObject({
      link: `/reports?year=2024&quarter=1&smo=${smoId}`,
      caseNumber: null,
    });
    expect((await queueOf(expert)).map((t) => t.kind)).not.toContain('REPORT_RETURNED');

    await server.ok(ReturnQuarterlyReportDocument, { id: submitted.result!.id, comment: 'Нет разбивки по бюро' }, monitoring);
    expect((await queueOf(monitoring)).map((t) => t.kind)).not.toContain('REPORT_TO_ACCEPT');
    expect((await queueOf(expert)).find((t) => t.kind === 'REPORT_RETURNED')).toMatchObject({
      link: '/reports?year=2024&quarter=1',
      title: 'Исправить и сдать снова отчёт за 1 квартал 2024: возвращён («Нет разбивки по бюро»)',
    });
  });
});
