import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CaseReferralDocument,
  QuarterlyReportDocument,
  RecordReferralDocument,
  RefusalCaseDocument,
  RegisterRefusalCaseDocument,
  type RecordReferralInput,
} from '../../client/generated/graphql.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The referral behind a refusal (form 088/у): the ВК protocol, the bureau's answers (a return for
 * completion or a refusal) and the resubmissions, the examination's outcome; and the days a person
 * lost between the first referral and the one the bureau accepted.
 */
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
});
afterAll(() => server?.stop());

async function newCase(refusalDate = '2025-01-20') {
  const { registerRefusalCase } = await server.ok(
    RegisterRefusalCaseDocument,
    { input: caseInput(world.parties, { referralDate: '2025-01-10', refusalDate }) },
    world.tokens.expertA,
  );
  return registerRefusalCase.result!;
}

const story = (caseId: string, patch: Partial<RecordReferralInput> = {}): RecordReferralInput => ({
  caseId,
  vkProtocolNumber: '12',
  vkProtocolDate: '2025-01-05',
  purpose: 'DISABILITY_GROUP',
  examinationKind: 'PRIMARY',
  sentOn: '2025-01-10',
  answers: [{ kind: 'RETURNED', answeredOn: '2025-01-20', reason: 'Нет МРТ головного мозга', resubmittedOn: '2025-02-05' }],
  examinedOn: '2025-02-20',
  outcome: 'GROUP_II',
  ...patch,
});

const record = (input: RecordReferralInput, token = world.tokens.moA) => server.ok(RecordReferralDocument, { input }, token);

describe("the referral's story", () => {
  it("the case's MO records it; days lost run from the first referral to the accepted one, in calendar and working days", async () => {
    const c = await newCase();
    const { recordReferral } = await record(story(c.id));
    expect(recordReferral.errors).toEqual([]);
    // 10.01.2025 → 05.02.2025: 26 calendar days; 18 working days after the 10th (no holidays then).
    expect(recordReferral.result).toMatchObject({
      acceptedReferralOn: '2025-02-05',
      daysLost: 26,
      workingDaysLost: 18,
      resubmittedWithin30Days: true,
      version: 1,
    });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, world.tokens.expertA);
    expect(refusalCase?.history[0].summary).toBe('Записаны сведения о направлении на МСЭ (088/у)');

    // The SMO's expert edits the version it saw; the MO's edit of the same version is then refused.
    const edited = await record(story(c.id, { version: 1, vkProtocolNumber: '12-а' }), world.tokens.expertA);
    expect(edited.recordReferral.result).toMatchObject({ vkProtocolNumber: '12-а', version: 2 });
    const stale = await record(story(c.id, { version: 1, vkProtocolNumber: '13' }));
    expect(stale.recordReferral.errors[0]).toMatchObject({ code: 'STALE_VERSION' });
    const read = await server.ok(CaseReferralDocument, { id: c.id }, world.tokens.monitoring);
    expect(read.refusalCase).toMatchObject({ mayRecordReferral: false, referral: { vkProtocolNumber: '12-а' } });
  });

  it('refuses a story that runs backwards, each problem at its field, and writes nothing', async () => {
    const c = await newCase('2025-01-21');
    const backwards = await record(
      story(c.id, {
        sentOn: '2025-01-04',
        answers: [
          { kind: 'RETURNED', answeredOn: '2025-01-03', reason: 'Нет ЭКГ', resubmittedOn: null },
          { kind: 'REFUSED', answeredOn: '2025-01-25', reason: 'Нет ЭКГ', resubmittedOn: '2025-01-24' },
        ],
        examinedOn: null,
      }),
    );
    expect(backwards.recordReferral.errors.map((e) => e.field)).toEqual([
      'sentOn',
      'answers.0.answeredOn',
      'answers.0.resubmittedOn',
      'answers.1.resubmittedOn',
      'examinedOn',
    ]);
    const waiting = await record(
      story(c.id, { answers: [{ kind: 'RETURNED', answeredOn: '2025-01-20', reason: 'Нет ЭКГ' }], examinedOn: '2025-02-20', outcome: 'GROUP_III' }),
    );
    expect(waiting.recordReferral.errors).toEqual([
      expect.objectContaining({ field: 'examinedOn', message: 'Направление возвращено и ещё не направлено снова: освидетельствования быть не могло' }),
    ]);
    const empty = await record(story(c.id, { vkProtocolNumber: ' ' }));
    expect(empty.recordReferral.errors).toEqual([expect.objectContaining({ field: 'vkProtocolNumber', message: 'Номер протокола ВК: заполните' })]);
    const future = await record(story(c.id, { examinedOn: '2999-01-01' }));
    expect(future.recordReferral.errors).toEqual([
      expect.objectContaining({ field: 'examinedOn', message: 'Дата освидетельствования не может быть в будущем' }),
    ]);
    expect((await server.ok(CaseReferralDocument, { id: c.id }, world.tokens.moA)).refusalCase?.referral).toBeNull();
  });

  it("nobody records another organisation's referral: another MO and another SMO do not find the case, the fund may not write", async () => {
    const c = await newCase('2025-01-22');
    for (const token of [world.tokens.moB, world.tokens.expertB]) {
      const { recordReferral } = await record(story(c.id), token);
      expect(recordReferral.errors).toEqual([expect.objectContaining({ field: 'caseId', code: 'NOT_FOUND' })]);
      expect((await server.ok(CaseReferralDocument, { id: c.id }, token)).refusalCase).toBeNull();
    }
    const byFund = await server.gql(RecordReferralDocument, { input: story(c.id) }, world.tokens.monitoring);
    expect(byFund.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.ok(CaseReferralDocument, { id: c.id }, world.tokens.moA)).refusalCase).toMatchObject({ mayRecordReferral: true, referral: null });
  });

  it('the quarterly report adds the days lost per MO (as the case shows them) and the share sent again within 30 days', async () => {
    // A second story in the quarter: refused on 15.01, sent again only on 01.03 (45 days), not examined yet.
    const c = await newCase('2025-01-23');
    await record(
      story(c.id, {
        answers: [{ kind: 'REFUSED', answeredOn: '2025-01-15', reason: 'Нет консультации невролога', resubmittedOn: '2025-03-01' }],
        examinedOn: null,
        outcome: null,
      }),
    );
    const { quarterlyReport } = await server.ok(QuarterlyReportDocument, { year: 2025, quarter: 1 }, world.tokens.expertA);
    const r = quarterlyReport.referrals!;
    expect(r.byMo).toEqual([
      {
        key: world.organisations.moA.id,
        label: world.organisations.moA.shortName,
        recorded: 2,
        accepted: 1,
        calendarDaysLost: 26,
        averageCalendarDaysLost: 26,
        workingDaysLost: 18,
        answered: 2,
        resubmittedWithin30: 1,
        resubmittedWithin30Percent: 50,
      },
    ]);
    expect(r.total).toMatchObject({ recorded: 2, accepted: 1, calendarDaysLost: 26, workingDaysLost: 18 });
    // Another SMO's report has none of them.
    const other = await server.ok(QuarterlyReportDocument, { year: 2025, quarter: 1 }, world.tokens.expertB);
    expect(other.quarterlyReport.referrals!.total.recorded).toBe(0);
  });
});
