import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AddFindingDocument,
  CaseExpertisesDocument,
  ExpertiseDocument,
  ImportCatalogueDocument,
  MyTasksDocument,
  OpenExpertiseDocument,
  RecordActDeliveryDocument,
  RecordActReceiptDocument,
  RecordMoPositionsDocument,
  RefusalCaseDocument,
  RegisterAppealDocument,
  RegisterRefusalCaseDocument,
  SettleAppealDocument,
  SignExpertiseDocument,
  UpdateExpertiseDocument,
  UpdateUserDocument,
} from '../../client/generated/graphql.js';
import { readFileSync } from 'node:fs';
import { caseInput, createUserAndLogin, twoSidedWorld } from '../helpers/fixtures.js';
import { addFinding, createNorms2024, discuss, newEpisode, openExpertise, repeatExpertise } from '../helpers/expertise.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { writeFingerprint } from '../helpers/fingerprint.js';

const TODAY = '2024-05-13';

let server: TestServer;
let expertA: string;
let expertB: string;
let moA: string;
let moB: string;
let monitoring: string;
let parties: { moId: string; bureauId: string };
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  vi.stubEnv('RAZBOR_TODAY', TODAY);
  server = await startTestServer();
  world = await twoSidedWorld(server);
  parties = world.parties;
  ({ expertA, expertB, moA, moB, monitoring } = world.tokens);
  await createNorms2024(server);
});
afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

async function newCase() {
  const { registerRefusalCase } = await server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, expertA);
  return registerRefusalCase.result!;
}

async function newEkmp(extra: Partial<Parameters<typeof openExpertise>[2]> = {}) {
  const c = await newCase();
  return openExpertise(server, expertA, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01', ...extra });
}

/** A finding on a case of care of its own (each call a new episode). */
const finding = (expertiseId: string, code: string, tariff: string, normKindCode: 'INPATIENT' | 'OUTPATIENT' | 'DAY_HOSPITAL' = 'INPATIENT') => ({
  expertiseId,
  code,
  description: 'Не проведена консультация невролога перед направлением на МСЭ',
  episode: newEpisode(tariff, { normKindCode }),
});

const caseIdOf = async (expertiseId: string) =>
  (await server.sql<{ refusal_case_id: string }>('select refusal_case_id from expertise where id = $1', [expertiseId]))[0].refusal_case_id;

/** The MO records that it received the act on the given day. */
const receive = async (expertiseId: string, receivedOn: string, token = moA) => {
  const { recordActReceipt } = await server.ok(RecordActReceiptDocument, { input: { expertiseId, receivedOn } }, token);
  expect(recordActReceipt.errors).toEqual([]);
  return recordActReceipt.result!;
};

const expertiseOf = async (id: string, token = expertA) => (await server.ok(ExpertiseDocument, { id }, token)).expertise;
const sign = async (id: string, token = expertA) => {
  const current = await expertiseOf(id);
  return (await server.ok(SignExpertiseDocument, { id, version: current!.version }, token)).signExpertise;
};

describe('opening an expertise', () => {
  it('numbers it per SMO and year, puts the case under expertise and writes the history', async () => {
    const c = await newCase();
    const first = await openExpertise(server, expertA, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    const second = await openExpertise(server, expertA, { caseId: c.id, type: 'MEE', kind: 'PLANNED', startDate: '2024-04-02' });
    // Each type says which section of the catalogue its codes come from, so a code picker offers only those.
    expect(first).toMatchObject({ status: 'DRAFT', typeLabel: 'ЭКМП', editable: true, defectSection: 3 });
    expect(second.defectSection).toBe(2);
    expect(first.number).toMatch(/^ЭКМП-2024-\d{4}$/);
    expect(Number(second.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
    const { refusalCase } = await server.ok(CaseExpertisesDocument, { id: c.id }, expertA);
    expect(refusalCase?.state).toBe('UNDER_EXPERTISE');
    expect(refusalCase?.expertises.map((e) => e.number)).toEqual([first.number, second.number]);
  });
});

describe('an ЭКМП is made by a quality expert of the register', () => {
  it('refuses an expert without specialty and registry number an ЭКМП, takes a МЭЭ, and takes the ЭКМП once both are set', async () => {
    const { user, token } = await createUserAndLogin(server, 'SMO_EXPERT', world.organisations.smoA.id, {});
    const c = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, token)).registerRefusalCase.result!;
    const open = (type: 'EKMP' | 'MEE') =>
      server.ok(OpenExpertiseDocument, { input: { caseId: c.id, type, kind: 'TARGETED', startDate: '2024-04-01' } }, token);
    const before = await writeFingerprint(server);
    const refused = (await open('EKMP')).openExpertise;
    expect(refused.errors).toEqual([
      expect.objectContaining({ field: 'type', code: 'NOT_ALLOWED', message: expect.stringContaining('номер в реестре экспертов') }),
    ]);
    expect(await writeFingerprint(server)).toBe(before);
    expect((await open('MEE')).openExpertise.errors).toEqual([]);
    const { updateUser } = await server.ok(
      UpdateUserDocument,
      { input: { id: user.id, version: user.version, specialty: 'неврология', expertRegistryNumber: '15-0200' } },
      server.adminToken,
    );
    expect(updateUser.result).toMatchObject({ specialty: 'неврология', expertRegistryNumber: '15-0200' });
    expect((await open('EKMP')).openExpertise.errors).toEqual([]);
  });
});

describe('findings and money', () => {
  it('computes the sanctions from the seed coefficients, exactly, rounded half a kopeck away from zero', async () => {
    const e = await newEkmp();
    const lines = [
      await addFinding(server, expertA, finding(e.id, '3.2.1', '45210.50')), // Кно 0,1 Кшт 0
      await addFinding(server, expertA, finding(e.id, '3.2.2', '45210.50')), // Кно 0,4 Кшт 0,3
      await addFinding(server, expertA, finding(e.id, '3.14.1', '12345.67', 'OUTPATIENT')), // Кно не задан, Кшт 1
      await addFinding(server, expertA, finding(e.id, '3.1.1', '100.05')), // 10,005 → 10,01
    ];
    expect(lines.map((l) => l.errors)).toEqual([[], [], [], []]);
    expect(lines.map((l) => l.result!.amountNotPaid)).toEqual(['4521.05', '18084.20', null, '10.01']);
    expect(lines.map((l) => l.result!.fine)).toEqual([null, null, null, null]);
    expect(lines.map((l) => l.result!.finePreview)).toEqual(['0.00', '7500.00', '3100.50', '0.00']);
    const draft = await expertiseOf(e.id);
    expect(draft?.totals).toEqual({ amountNotPaid: '22615.26', fine: '10600.50', finePreliminary: true });
    expect(draft?.finalTotals).toBeNull();
  });

  it('gives no non-payment for a code without Кно and no fine for a code without Кшт (МЭЭ 2.16.3)', async () => {
    const c = await newCase();
    const mee = await openExpertise(server, expertA, { caseId: c.id, type: 'MEE', kind: 'PLANNED', startDate: '2024-04-01' });
    const { result } = await addFinding(server, expertA, finding(mee.id, '2.16.3', '5000.00'));
    expect(result).toMatchObject({ amountNotPaid: '5000.00', fine: null, finePreview: null, defectCode: { fineCoefficient: null } });
  });

  it.each([
    ['a section 2 code on ЭКМП', 'EKMP', '2.12', 'INVALID', 'раздела 3'],
    ['a section 3 code on МЭЭ', 'MEE', '3.2.1', 'INVALID', 'раздела 2'],
    ['a МЭК code (section 1)', 'MEE', '1.3', 'INVALID', 'раздела 2'],
    ['a group code', 'EKMP', '3.2', 'INVALID', 'группа кодов'],
    ['an unknown code', 'EKMP', '3.99', 'NOT_FOUND', 'нет в перечне'],
  ] as const)('refuses %s and writes nothing', async (_what, type, code, errorCode, text) => {
    const c = await newCase();
    const e = await openExpertise(server, expertA, { caseId: c.id, type, kind: 'TARGETED', startDate: '2024-04-01' });
    const { result, errors } = await addFinding(server, expertA, finding(e.id, code, '1000.00'));
    expect(result).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ field: 'code', code: errorCode, message: expect.stringContaining(text) })]);
    expect(await server.sql('select 1 from finding where expertise_id = $1', [e.id])).toHaveLength(0);
  });

  it('refuses a tariff that is not roubles and kopecks', async () => {
    const e = await newEkmp();
    const { errors } = await addFinding(server, expertA, finding(e.id, '3.2.1', '100.005'));
    expect(errors[0]).toMatchObject({ field: 'episode.tariff', code: 'INVALID' });
  });
});

describe('the discussion with the MO comes before signing', () => {
  it('refuses to sign without a discussion, allows it after one, and refuses again after the findings change', async () => {
    const e = await newEkmp();
    await addFinding(server, expertA, finding(e.id, '3.2.2', '45210.50'));
    const withoutDiscussion = await sign(e.id);
    expect(withoutDiscussion.result).toBeNull();
    expect(withoutDiscussion.errors[0]).toMatchObject({
      code: 'NOT_ALLOWED',
      message: 'Подписание невозможно: не проведён совместный разбор замечаний с представителями МО',
    });

    const discussed = await discuss(server, expertA, e.id, '2024-05-06');
    expect(discussed.result).toMatchObject({ status: 'DISCUSSION', signingBlockedBy: null });
    await addFinding(server, expertA, finding(e.id, '3.14.1', '12345.67', 'OUTPATIENT'));
    const changedAfter = await sign(e.id);
    expect(changedAfter.errors[0].message).toContain('замечания изменены после совместного разбора');

    await discuss(server, expertA, e.id, '2024-05-07');
    const positions = await server.ok(
      RecordMoPositionsDocument,
      {
        input: {
          expertiseId: e.id,
          positions: (await expertiseOf(e.id))!.findings.map((f, i) => ({
            findingId: f.id,
            position: i === 0 ? ('AGREES' as const) : ('DISAGREES' as const),
            comment: i === 0 ? null : 'Консультация проведена, запись в амбулаторной карте',
          })),
        },
      },
      moA,
    );
    expect(positions.recordMoPositions.errors).toEqual([]);
    const signed = await sign(e.id);
    expect(signed.errors).toEqual([]);
    expect(signed.result).toMatchObject({
      status: 'SIGNED',
      conclusionDate: TODAY,
      editable: false,
      totals: { amountNotPaid: '18084.20', fine: '10600.50', finePreliminary: false },
      finalTotals: { amountNotPaid: '18084.20', fine: '10600.50' },
    });
    expect(signed.result!.findings.map((f) => [f.fine, f.perCapitaNorm, f.moPosition])).toEqual([
      ['7500.00', '25000.00', 'AGREES'],
      ['3100.50', '3100.50', 'DISAGREES'],
    ]);
    const { refusalCase } = await server.ok(CaseExpertisesDocument, { id: await caseIdOf(e.id) }, expertA);
    expect(refusalCase?.state).toBe('AWAITING_MO_REVIEW');
  });

  it('refuses to sign when no per-capita norm is in force for a kind of care, naming it', async () => {
    const e = await newEkmp();
    await addFinding(server, expertA, finding(e.id, '3.2.2', '1000.00', 'DAY_HOSPITAL'));
    await discuss(server, expertA, e.id, '2024-05-06');
    const { errors } = await sign(e.id);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'NOT_FOUND',
        message: 'Подписание невозможно: не задан подушевой норматив «Дневной стационар», действующий на 12.03.2024',
      }),
    ]);
    expect((await expertiseOf(e.id))?.status).toBe('DISCUSSION');
  });
});

describe('a signed expertise never changes', () => {
  it('refuses edits through the API and through direct SQL', async () => {
    const e = await newEkmp();
    const line = (await addFinding(server, expertA, finding(e.id, '3.2.2', '45210.50'))).result!;
    await discuss(server, expertA, e.id, '2024-05-06');
    expect((await sign(e.id)).errors).toEqual([]);

    const viaApi = await addFinding(server, expertA, finding(e.id, '3.2.1', '1.00'));
    expect(viaApi.errors[0]).toMatchObject({ code: 'NOT_ALLOWED' });
    const again = await sign(e.id);
    expect(again.errors[0].code).toBe('NOT_ALLOWED');

    await expect(server.sql('update finding set amount_not_paid = 1 where id = $1', [line.id])).rejects.toThrow(/не изменяется/);
    await expect(server.sql('delete from finding where id = $1', [line.id])).rejects.toThrow(/не изменяется/);
    await expect(server.sql(`update expertise set number = 'ПОДМЕНА' where id = $1`, [e.id])).rejects.toThrow(/не изменяется/);
    await expect(server.sql(`update expertise set status = 'DRAFT' where id = $1`, [e.id])).rejects.toThrow(/не изменяется/);
    await expect(server.sql('delete from expertise where id = $1', [e.id])).rejects.toThrow(/не удаляется/);
    const [row] = await server.sql<{ amount_not_paid: string }>('select amount_not_paid from finding where id = $1', [line.id]);
    expect(row.amount_not_paid).toBe('18084.20');
  });
});

describe('deadlines in working days', () => {
  it('documents: due 10 working days after the request, counting the transferred working Saturday 27.04.2024', async () => {
    const e = await newEkmp({ documentsRequestedOn: '2024-04-26' });
    const [documents] = (await expertiseOf(e.id))!.deadlines;
    expect(documents).toMatchObject({ startsOn: '2024-04-26', workingDays: 10, dueOn: '2024-05-16', status: 'DUE_SOON', workingDaysLeft: 3 });
  });

  it('documents over the New Year holidays: requested 27.12.2023, due 18.01.2024; met or late', async () => {
    const e = await newEkmp({ startDate: '2023-12-20', documentsRequestedOn: '2023-12-27' });
    const late = await server.ok(UpdateExpertiseDocument, { input: { id: e.id, version: e.version, documentsReceivedOn: '2024-01-19' } }, expertA);
    expect(late.updateExpertise.result?.deadlines[0]).toMatchObject({ dueOn: '2024-01-18', doneOn: '2024-01-19', status: 'LATE' });
    const met = await server.ok(
      UpdateExpertiseDocument,
      { input: { id: e.id, version: late.updateExpertise.result!.version, documentsReceivedOn: '2024-01-18' } },
      expertA,
    );
    expect(met.updateExpertise.result?.deadlines[0]).toMatchObject({ status: 'MET' });
    const overdue = await newEkmp({ startDate: '2024-01-10', documentsRequestedOn: '2024-01-10' });
    expect(overdue.deadlines[0]).toMatchObject({ dueOn: '2024-01-24', status: 'OVERDUE' });
  });

  it('says explicitly when the calendar lacks the year, instead of guessing', async () => {
    const seed = readFileSync(new URL('../../data/catalogues/defect-codes-tariff-appendix-46.md', import.meta.url), 'utf8');
    await server.ok(
      ImportCatalogueDocument,
      { input: { name: 'Перечень 2020', effectiveFrom: '2020-01-01', sourceDocument: 'old.md', content: seed } },
      server.adminToken,
    );
    const e = await newEkmp({ startDate: '2020-12-21', documentsRequestedOn: '2020-12-25' });
    expect(e.deadlines[0]).toMatchObject({
      dueOn: null,
      status: 'CALENDAR_MISSING',
      problem: 'Нет производственного календаря на 2020 год: администратор должен загрузить его',
    });
  });

  it('the MO sees its appeal window: 15 working days from the day it received the act, none before', async () => {
    const e = await newEkmp();
    await addFinding(server, expertA, finding(e.id, '3.2.1', '1000.00'));
    await discuss(server, expertA, e.id, '2024-05-06');
    await sign(e.id);
    expect((await expertiseOf(e.id, moA))?.deadlines).toEqual([]);
    await receive(e.id, TODAY);
    const seenByMo = await expertiseOf(e.id, moA);
    expect(seenByMo?.deadlines).toEqual([
      expect.objectContaining({
        label: 'Обжалование заключения медицинской организацией (от получения акта)',
        startsOn: TODAY,
        dueOn: '2024-06-03',
        status: 'PENDING',
        workingDaysLeft: 15,
      }),
    ]);
  });
});

describe('appeals', () => {
  async function signedWithTwoFindings() {
    const e = await newEkmp();
    await addFinding(server, expertA, finding(e.id, '3.2.2', '45210.50'));
    await addFinding(server, expertA, finding(e.id, '3.14.1', '12345.67', 'OUTPATIENT'));
    await discuss(server, expertA, e.id, '2024-05-06');
    const signed = (await sign(e.id)).result!;
    await receive(signed.id, TODAY);
    return signed;
  }

  it('the MO appeals in time; the fund partly upholds it and the amounts follow the final outcome', async () => {
    const e = await signedWithTwoFindings();
    const appeal = await server.ok(RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: TODAY, grounds: 'Не согласны с кодом 3.14.1' } }, moA);
    expect(appeal.registerAppeal.result).toMatchObject({ status: 'DISPUTED', appeal: { filedOn: TODAY } });
    expect(appeal.registerAppeal.result?.deadlines[0]).toMatchObject({ status: 'MET', doneOn: TODAY });

    const standing = e.findings.filter((f) => f.defectCode.code === '3.2.2').map((f) => f.id);
    const settled = await server.ok(
      SettleAppealDocument,
      {
        input: {
          expertiseId: e.id,
          outcome: 'PARTLY',
          decidedOn: TODAY,
          comment: 'Код 3.14.1 снят',
          standingFindingIds: standing,
          repeatExpertise: repeatExpertise(TODAY),
        },
      },
      monitoring,
    );
    expect(settled.settleAppeal.errors).toEqual([]);
    expect(settled.settleAppeal.result).toMatchObject({
      status: 'SETTLED',
      appeal: { outcome: 'PARTLY' },
      totals: { amountNotPaid: '18084.20', fine: '10600.50' },
      finalTotals: { amountNotPaid: '18084.20', fine: '7500.00' },
    });
    const { refusalCase } = await server.ok(CaseExpertisesDocument, { id: await caseIdOf(e.id) }, monitoring);
    const revised = refusalCase!.expertises.find((x) => x.corrects?.id === e.id);
    expect(revised).toMatchObject({ status: 'SIGNED', number: `${e.number}-И`, totals: { amountNotPaid: '18084.20', fine: '7500.00' } });
    expect(revised!.findings.map((f) => f.defectCode.code)).toEqual(['3.2.2']);
    expect(settled.settleAppeal.result!.appeal).toMatchObject({ repeatType: 'EKMP', repeatHeldOn: TODAY, repeatExpert: repeatExpertise(TODAY).expert });
  });

  it('a decision names the repeat expertise it rests on, held between the claim and the decision', async () => {
    const e = await signedWithTwoFindings();
    const filed = await server.ok(RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: TODAY, grounds: 'Не согласны' } }, moA);
    expect(filed.registerAppeal.errors).toEqual([]);
    const settle = (repeat: unknown) =>
      server.gql(
        SettleAppealDocument,
        { input: { expertiseId: e.id, outcome: 'UPHELD', decidedOn: TODAY, repeatExpertise: repeat as ReturnType<typeof repeatExpertise> } },
        monitoring,
      );
    const before = await writeFingerprint(server);
    const missing = await settle(undefined);
    expect(missing.errors?.[0]).toMatchObject({ extensions: { field: 'repeatExpertise' } });
    expect(missing.errors?.[0].message).toMatch(/[а-я]/);
    const late = await settle(repeatExpertise('2024-05-14'));
    expect(late.data?.settleAppeal.errors).toEqual([expect.objectContaining({ field: 'repeatExpertise.heldOn', code: 'INVALID' })]);
    const early = await settle(repeatExpertise('2024-05-12'));
    expect(early.data?.settleAppeal.errors).toEqual([
      expect.objectContaining({ field: 'repeatExpertise.heldOn', message: 'Повторная экспертиза раньше подачи претензии (13.05.2024)' }),
    ]);
    const nameless = await settle({ ...repeatExpertise(TODAY), expert: '  ' });
    expect(nameless.data?.settleAppeal.errors).toEqual([expect.objectContaining({ field: 'repeatExpertise.expert' })]);
    expect(await writeFingerprint(server)).toBe(before);
  });

  it('overturned: nothing is due; the original stays readable as signed', async () => {
    const e = await signedWithTwoFindings();
    await server.ok(RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: TODAY, grounds: 'Не согласны' } }, moA);
    const settled = await server.ok(
      SettleAppealDocument,
      { input: { expertiseId: e.id, outcome: 'OVERTURNED', decidedOn: TODAY, repeatExpertise: repeatExpertise(TODAY) } },
      monitoring,
    );
    expect(settled.settleAppeal.result).toMatchObject({ finalTotals: { amountNotPaid: '0.00', fine: '0.00' }, totals: { amountNotPaid: '18084.20' } });
  });

  it('tells each side what it may do next, from the lifecycle: the SMO signs, the MO appeals, the fund settles', async () => {
    const draft = await newEkmp();
    const mayDo = async (token: string) => {
      const { expertise } = await server.ok(ExpertiseDocument, { id: draft.id }, token);
      return { signed: expertise!.signed, transitions: [...expertise!.allowedTransitions].sort(), positions: expertise!.mayRecordMoPositions };
    };
    expect(await mayDo(expertA)).toEqual({ signed: false, transitions: ['CHANGE_FINDINGS', 'DISCUSS', 'SIGN'], positions: false });
    expect(await mayDo(moA)).toEqual({ signed: false, transitions: [], positions: true });
    expect(await mayDo(monitoring)).toEqual({ signed: false, transitions: [], positions: false });

    const e = await signedWithTwoFindings();
    const capabilities = async (token: string) => (await server.ok(ExpertiseDocument, { id: e.id }, token)).expertise!;
    expect(await capabilities(expertA)).toMatchObject({ signed: true, allowedTransitions: [], editable: false, mayRecordMoPositions: false });
    expect(await capabilities(moA)).toMatchObject({ signed: true, allowedTransitions: ['APPEAL'] });
    expect(await capabilities(monitoring)).toMatchObject({ allowedTransitions: [] });
    await server.ok(RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: TODAY, grounds: 'Не согласны' } }, moA);
    expect(await capabilities(moA)).toMatchObject({ signed: true, allowedTransitions: [] });
    expect(await capabilities(monitoring)).toMatchObject({ signed: true, allowedTransitions: ['SETTLE'] });

    const again = await server.ok(RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: TODAY, grounds: 'Ещё раз' } }, moA);
    expect(again.registerAppeal.errors).toEqual([
      { field: 'expertiseId', code: 'NOT_ALLOWED', message: 'Обжаловать можно только подписанное заключение, ещё не обжалованное' },
    ]);
  });

  it('refuses an appeal after the 15 working days', async () => {
    const e = await signedWithTwoFindings();
    vi.stubEnv('RAZBOR_TODAY', '2024-06-10');
    try {
      const late = await server.ok(RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: '2024-06-04', grounds: 'Поздно' } }, moA);
      expect(late.registerAppeal.errors[0]).toMatchObject({
        field: 'filedOn',
        code: 'NOT_ALLOWED',
        message: 'Срок обжалования истёк 03.06.2024: 15 рабочих дней от получения акта МО 13.05.2024, жалоба подана 04.06.2024',
      });
    } finally {
      vi.stubEnv('RAZBOR_TODAY', TODAY);
    }
  });
});

describe('the act reaches the MO, and the appeal window runs from its receipt (326-ФЗ art. 42 part 1)', () => {
  async function signedOn(day: string) {
    vi.stubEnv('RAZBOR_TODAY', day);
    const e = await newEkmp();
    await addFinding(server, expertA, finding(e.id, '3.2.2', '45210.50'));
    await discuss(server, expertA, e.id, day);
    const signed = (await sign(e.id)).result!;
    expect(signed.conclusionDate).toBe(day);
    return signed;
  }
  const appeal = async (expertiseId: string, filedOn: string) =>
    (await server.ok(RegisterAppealDocument, { input: { expertiseId, filedOn, grounds: 'Не согласны' } }, moA)).registerAppeal;
  afterEach(() => vi.stubEnv('RAZBOR_TODAY', TODAY));

  it('an act received 5 working days after signing takes an appeal on the 15th working day after receipt and refuses one on the 16th', async () => {
    const e = await signedOn('2024-05-13');
    vi.stubEnv('RAZBOR_TODAY', '2024-06-11');
    const sent = await server.ok(RecordActDeliveryDocument, { input: { expertiseId: e.id, sentOn: '2024-05-14', method: 'MAIL' } }, expertA);
    expect(sent.recordActDelivery.result?.actDelivery).toMatchObject({ sentOn: '2024-05-14', method: 'MAIL', receivedOn: null });
    await receive(e.id, '2024-05-20');
    expect((await appeal(e.id, '2024-06-11')).errors).toEqual([
      {
        field: 'filedOn',
        code: 'NOT_ALLOWED',
        message: 'Срок обжалования истёк 10.06.2024: 15 рабочих дней от получения акта МО 20.05.2024, жалоба подана 11.06.2024',
      },
    ]);
    const onTime = await appeal(e.id, '2024-06-10');
    expect(onTime.errors).toEqual([]);
    expect(onTime.result?.deadlines).toEqual([
      expect.objectContaining({ startsOn: '2024-05-20', dueOn: '2024-06-10', doneOn: '2024-06-10', status: 'MET' }),
      expect.objectContaining({ label: 'Рассмотрение обжалования ТФОМС', startsOn: '2024-06-10', dueOn: '2024-07-23', status: 'PENDING' }),
    ]);

    // The fund has 30 working days from the claim (326-ФЗ art. 42 part 3): in its tasks, then overdue, then done.
    const claimTasks = async () =>
      (await server.ok(MyTasksDocument, {}, monitoring)).myTasks.filter((t) => t.expertiseId === e.id).map((t) => [t.kind, t.dueOn, t.overdue]);
    expect(await claimTasks()).toEqual([['APPEAL_DECISION_DUE', '2024-07-23', false]]);
    vi.stubEnv('RAZBOR_TODAY', '2024-07-24');
    expect(await claimTasks()).toEqual([['APPEAL_DECISION_DUE', '2024-07-23', true]]);
    const settled = await server.ok(
      SettleAppealDocument,
      { input: { expertiseId: e.id, outcome: 'UPHELD', decidedOn: '2024-07-24', repeatExpertise: repeatExpertise('2024-07-24') } },
      monitoring,
    );
    expect(settled.settleAppeal.result?.deadlines.at(-1)).toMatchObject({ doneOn: '2024-07-24', status: 'LATE' });
    expect(await claimTasks()).toEqual([]);
  });

  it('until the receipt is recorded the window has not started: an appeal a month after signing is taken', async () => {
    const e = await signedOn('2024-05-13');
    vi.stubEnv('RAZBOR_TODAY', '2024-06-14');
    expect((await appeal(e.id, '2024-06-14')).errors).toEqual([]);
  });

  it('the SMO sends, the MO (or the SMO from its mark) records receipt, once each, never before signing or sending', async () => {
    const draft = await newEkmp();
    const deliver = (expertiseId: string, sentOn: string, token = expertA) =>
      server.gql(RecordActDeliveryDocument, { input: { expertiseId, sentOn, method: 'HAND' } }, token);
    expect((await deliver(draft.id, TODAY)).data?.recordActDelivery.errors[0]).toMatchObject({ field: 'expertiseId', code: 'NOT_ALLOWED' });

    const e = await signedOn('2024-05-13');
    const asMo = await expertiseOf(e.id, moA);
    expect(asMo).toMatchObject({ mayRecordActDelivery: false, mayRecordActReceipt: true, actDelivery: null });
    expect(await expertiseOf(e.id, expertA)).toMatchObject({ mayRecordActDelivery: true, mayRecordActReceipt: true });
    expect((await deliver(e.id, '2024-05-13', moA)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await deliver(e.id, '2024-05-10')).data?.recordActDelivery.errors[0]).toMatchObject({ field: 'sentOn', code: 'INVALID' });
    expect((await deliver(e.id, '2024-05-13')).data?.recordActDelivery.errors).toEqual([]);
    expect((await deliver(e.id, '2024-05-13')).data?.recordActDelivery.errors[0]).toMatchObject({ field: 'sentOn', code: 'NOT_ALLOWED' });

    const receiveAs = (receivedOn: string, token: string) => server.gql(RecordActReceiptDocument, { input: { expertiseId: e.id, receivedOn } }, token);
    expect((await receiveAs('2024-05-13', moB)).data?.recordActReceipt.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
    expect((await receiveAs('2024-05-13', monitoring)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await receiveAs('2024-05-12', moA)).data?.recordActReceipt.errors[0]).toMatchObject({ field: 'receivedOn', code: 'INVALID' });
    expect((await receiveAs('2024-05-13', expertA)).data?.recordActReceipt.result?.actDelivery).toMatchObject({ receivedOn: '2024-05-13' });
    expect((await receiveAs('2024-05-13', moA)).data?.recordActReceipt.errors[0]).toMatchObject({ field: 'receivedOn', code: 'NOT_ALLOWED' });
    expect(await expertiseOf(e.id, moA)).toMatchObject({ mayRecordActDelivery: false, mayRecordActReceipt: false });
  });

  it('the MO signs the act with disagreement, naming its objections per finding of this act', async () => {
    const e = await signedOn('2024-05-13');
    const [f] = e.findings;
    const receiveWith = (input: Partial<{ signedWithDisagreement: boolean; objections: Array<{ findingId: string; text: string }> }>) =>
      server.ok(RecordActReceiptDocument, { input: { expertiseId: e.id, receivedOn: '2024-05-13', ...input } }, moA);
    expect((await receiveWith({ signedWithDisagreement: true })).recordActReceipt.errors).toEqual([
      expect.objectContaining({ field: 'objections', message: 'Подписывая акт с разногласиями, укажите, с какими замечаниями МО не согласна' }),
    ]);
    const stranger = (await signedOn('2024-05-13')).findings[0].id;
    expect((await receiveWith({ signedWithDisagreement: true, objections: [{ findingId: stranger, text: 'x' }] })).recordActReceipt.errors).toEqual([
      expect.objectContaining({ field: 'objections.0.findingId', code: 'NOT_FOUND' }),
    ]);
    const signed = await receiveWith({ signedWithDisagreement: true, objections: [{ findingId: f.id, text: 'МРТ проведена амбулаторно' }] });
    expect(signed.recordActReceipt.result?.actDelivery).toMatchObject({
      receivedOn: '2024-05-13',
      signedWithDisagreement: true,
      objections: [{ findingId: f.id, text: 'МРТ проведена амбулаторно' }],
    });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: await caseIdOf(e.id) }, expertA);
    expect(refusalCase!.history.map((h) => h.summary)).toContainEqual(expect.stringContaining('подписан с разногласиями (замечаний: 1)'));
  });

  it('ten receipts and a sending raced at once: one receipt wins, every other answer is a typed refusal, nothing half-written', async () => {
    const e = await signedOn('2024-05-13');
    vi.stubEnv('RAZBOR_TODAY', '2024-05-24');
    const days = ['2024-05-14', '2024-05-15', '2024-05-16', '2024-05-17', '2024-05-20', '2024-05-21', '2024-05-22', '2024-05-23', '2024-05-24', '2024-05-13'];
    const [sent, ...receipts] = await Promise.all([
      server.gql(RecordActDeliveryDocument, { input: { expertiseId: e.id, sentOn: '2024-05-13', method: 'MAIL' } }, expertA),
      ...days.map((receivedOn, i) => server.gql(RecordActReceiptDocument, { input: { expertiseId: e.id, receivedOn } }, i % 2 ? moA : expertA)),
    ]);
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.recordActDelivery.errors).toEqual([]);
    expect(receipts.every((r) => r.errors === undefined)).toBe(true);
    const won = receipts.filter((r) => r.data?.recordActReceipt.result);
    expect(won).toHaveLength(1);
    expect(receipts.flatMap((r) => r.data!.recordActReceipt.errors.map((x) => x.code))).toEqual(Array(9).fill('NOT_ALLOWED'));
    const rows = await server.sql<{ received_on: string; sent_on: string }>(
      `select to_char(received_on, 'YYYY-MM-DD') as received_on, to_char(sent_on, 'YYYY-MM-DD') as sent_on from expertise_act_delivery where expertise_id = $1`,
      [e.id],
    );
    expect(rows).toEqual([{ sent_on: '2024-05-13', received_on: won[0].data!.recordActReceipt.result!.actDelivery!.receivedOn }]);
    expect(
      (
        await server.sql(`select 1 from case_history h join expertise x on x.refusal_case_id = h.refusal_case_id where x.id = $1 and h.kind = 'ACT_RECEIVED'`, [
          e.id,
        ])
      ).length,
    ).toBe(1);
  });

  it('answers empty and malformed values in Russian, at their field', async () => {
    const e = await signedOn('2024-05-13');
    /** What the user is told, wherever it is answered: the payload's errors, or the schema's refusal of a value. */
    const told = (answer: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }, name: string) =>
      answer.errors
        ? answer.errors.map((x) => ({ field: x.extensions?.field, message: x.message }))
        : (answer.data as Record<string, { errors: Array<{ field: string | null; message: string }> }>)[name].errors.map(({ field, message }) => ({
            field,
            message,
          }));
    const deliver = async (input: Record<string, unknown>) =>
      told(
        await server.gql(RecordActDeliveryDocument, { input: { expertiseId: e.id, sentOn: '2024-05-13', method: 'HAND', ...input } as never }, expertA),
        'recordActDelivery',
      );
    const receive = async (input: Record<string, unknown>) =>
      told(await server.gql(RecordActReceiptDocument, { input: { expertiseId: e.id, receivedOn: '2024-05-13', ...input } as never }, moA), 'recordActReceipt');
    expect(await deliver({ sentOn: '' })).toEqual([{ field: 'sentOn', message: 'Укажите дату' }]);
    expect(await deliver({ sentOn: '2024-02-30' })).toEqual([{ field: 'sentOn', message: 'Ожидается дата в формате ГГГГ-ММ-ДД' }]);
    expect(await deliver({ method: 'BOAT' })).toEqual([{ field: 'method', message: 'Недопустимое значение «BOAT»' }]);
    expect(await deliver({ sentOn: undefined })).toEqual([{ field: 'sentOn', message: 'Заполните это поле' }]);
    expect(await deliver({ sentOn: '2099-01-01' })).toEqual([
      expect.objectContaining({ field: 'sentOn', message: 'Дата направления акта не может быть в будущем' }),
    ]);
    expect(await deliver({ expertiseId: '' })).toEqual([expect.objectContaining({ field: 'expertiseId', message: 'Экспертиза: запись не найдена' })]);
    expect(await deliver({ expertiseId: '00000000-0000-4000-8000-000000000000' })).toEqual([
      { field: 'expertiseId', message: 'Экспертиза: запись не найдена' },
    ]);
    expect(await receive({ receivedOn: '' })).toEqual([{ field: 'receivedOn', message: 'Укажите дату' }]);
    expect(await receive({ signedWithDisagreement: true, objections: [{ findingId: e.findings[0].id, text: '   ' }] })).toEqual([
      expect.objectContaining({ field: 'objections.0.text', message: 'Заполните поле «Разногласие»' }),
    ]);
    expect(await receive({ signedWithDisagreement: true, objections: [{ findingId: 'x', text: 'Не согласны' }] })).toEqual([
      expect.objectContaining({ field: 'objections.0.findingId', message: 'Замечание: запись не найдена' }),
    ]);
    expect(await receive({ signedWithDisagreement: false, objections: [{ findingId: e.findings[0].id, text: 'Не согласны' }] })).toEqual([
      expect.objectContaining({ field: 'signedWithDisagreement' }),
    ]);
    expect(await receive({ objections: [{ findingId: e.findings[0].id, text: 'x'.repeat(4001) }], signedWithDisagreement: true })).toEqual([
      expect.objectContaining({ field: 'objections.0.text', message: 'Поле «Разногласие» длиннее 4000 символов' }),
    ]);
  });

  it('reminds the SMO to send the act, then that the MO has not confirmed receipt after five working days', async () => {
    const e = await signedOn('2024-05-13');
    const actTasks = async () =>
      (await server.ok(MyTasksDocument, {}, expertA)).myTasks.filter((t) => t.expertiseId === e.id && t.kind.startsWith('ACT_')).map((t) => [t.kind, t.dueOn]);
    expect(await actTasks()).toEqual([['ACT_NOT_SENT', null]]);
    await server.ok(RecordActDeliveryDocument, { input: { expertiseId: e.id, sentOn: '2024-05-13', method: 'EDO' } }, expertA);
    expect(await actTasks()).toEqual([]);
    vi.stubEnv('RAZBOR_TODAY', '2024-05-21');
    expect(await actTasks()).toEqual([['ACT_RECEIPT_MISSING', '2024-05-20']]);
    await receive(e.id, '2024-05-21');
    expect(await actTasks()).toEqual([]);
  });
});

describe('correcting a signed expertise', () => {
  it('a new expertise corrects a signed one; each shows the other; only the SMO may correct, and only a signed one', async () => {
    const draft = await newEkmp();
    expect((await expertiseOf(draft.id))?.mayCorrect).toBe(false);
    const original = (await sign((await signedDraft()).id)).result!;
    expect((await expertiseOf(original.id))?.mayCorrect).toBe(true);
    expect((await expertiseOf(original.id, moA))?.mayCorrect).toBe(false);
    const caseId = await caseIdOf(original.id);
    const refused = await server.ok(
      OpenExpertiseDocument,
      { input: { caseId, type: 'EKMP', kind: 'TARGETED', startDate: TODAY, correctsExpertiseId: draft.id } },
      expertA,
    );
    expect(refused.openExpertise.errors).toEqual([expect.objectContaining({ field: 'correctsExpertiseId', code: 'NOT_FOUND' })]);
    const correcting = await openExpertise(server, expertA, { caseId, type: 'EKMP', kind: 'TARGETED', startDate: TODAY, correctsExpertiseId: original.id });
    expect(correcting.corrects).toEqual({ id: original.id, number: original.number });
    expect((await expertiseOf(original.id, moA))?.correctedBy).toEqual([{ id: correcting.id, number: correcting.number }]);
  });

  /** A draft with a finding and a discussion, ready to sign. */
  async function signedDraft() {
    const e = await newEkmp();
    await addFinding(server, expertA, finding(e.id, '3.2.2', '45210.50'));
    await discuss(server, expertA, e.id, '2024-05-06');
    return e;
  }
});

describe('who may do what', () => {
  it('another SMO and another MO do not see the expertise; the fund reads it', async () => {
    const e = await newEkmp();
    expect(await expertiseOf(e.id, expertB)).toBeNull();
    expect(await expertiseOf(e.id, moB)).toBeNull();
    expect((await expertiseOf(e.id, moA))?.id).toBe(e.id);
    expect((await expertiseOf(e.id, monitoring))?.id).toBe(e.id);
    const byOtherSmo = await addFinding(server, expertB, finding(e.id, '3.2.1', '1.00'));
    expect(byOtherSmo.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
    const otherMoPositions = await server.ok(RecordMoPositionsDocument, { input: { expertiseId: e.id, positions: [] } }, moB);
    expect(otherMoPositions.recordMoPositions.errors[0].field).toBe('positions');
  });

  it('roles: the MO cannot write findings or sign, the SMO cannot appeal, only the fund settles', async () => {
    const e = await newEkmp();
    for (const [document, variables, token] of [
      [SignExpertiseDocument, { id: e.id, version: e.version }, moA],
      [RegisterAppealDocument, { input: { expertiseId: e.id, filedOn: TODAY, grounds: 'x' } }, expertA],
      [SettleAppealDocument, { input: { expertiseId: e.id, outcome: 'UPHELD', decidedOn: TODAY, repeatExpertise: repeatExpertise(TODAY) } }, moA],
    ] as const) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the documents differ; the call is the same
      const response = await server.gql(document as never, variables as never, token);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const findingByMo = await server.gql(AddFindingDocument, { input: finding(e.id, '3.2.1', '1.00') }, moA);
    expect(findingByMo.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the act', () => {
  it('downloads as a DOCX with the parties, the findings and the totals, for those who see the case only', async () => {
    const e = await newEkmp();
    await addFinding(server, expertA, finding(e.id, '3.2.2', '45210.50'));
    await discuss(server, expertA, e.id, '2024-05-06');
    await sign(e.id);
    const response = await fetch(`${server.url}/expertises/${e.id}/act.docx`, { headers: { authorization: `Bearer ${moA}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain(`№ ${e.number}`);
    expect(plain).toContain('Итого не подлежит оплате: 18\u00a0084,20\u00a0₽ (восемнадцать тысяч восемьдесят четыре рубля 20 копеек)');
    expect(plain).toContain('Итого штраф: 7\u00a0500,00\u00a0₽ (семь тысяч пятьсот рублей 00 копеек)');
    expect(plain).toContain('3.2.2');
    expect(plain).toContain('Гаглоева М. Р.');
    expect(plain).not.toContain('ПРОЕКТ');

    for (const [token, status] of [
      [expertB, 404],
      [moB, 404],
      [null, 401],
    ] as const) {
      const refused = await fetch(`${server.url}/expertises/${e.id}/act.docx`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(refused.status).toBe(status);
    }
  });
});
