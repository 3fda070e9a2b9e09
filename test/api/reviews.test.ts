import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { EventEmitter } from 'node:events';
import { parse } from 'graphql';
import JSZip from 'jszip';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AddCaseCommentDocument,
  CaseReviewDocument,
  CloseRefusalCaseDocument,
  CreatePerCapitaNormDocument,
  CreateRootCauseDocument,
  ExpertiseDocument,
  RootCausesDocument,
  RecordMoPositionsDocument,
  RefusalCaseDocument,
  RegisterRefusalCaseDocument,
  ReviewCoverageDocument,
  SignExpertiseDocument,
  UpdateCorrectiveActionDocument,
  type UpdateCorrectiveActionInput,
} from '../../client/generated/graphql.js';
import { addFinding, discuss, openExpertise, newEpisode, signExpertise } from '../helpers/expertise.js';
import { caseInput, recordReview, twoSidedWorld } from '../helpers/fixtures.js';
import { countStatements, startTestServer, type TestServer } from '../helpers/server.js';

const TODAY = '2024-05-08';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let server: TestServer;
let expertA: string;
let expertB: string;
let moA: string;
let moB: string;
let monitoring: string;
let parties: { moId: string; bureauId: string };
/** The server's log, read by the tests that wait for what the server did rather than for time to pass. */
const serverLog = new EventEmitter();

beforeAll(async () => {
  vi.stubEnv('RAZBOR_TODAY', TODAY);
  server = await startTestServer({}, { write: (line: string) => void serverLog.emit('line', line) });
  const world = await twoSidedWorld(server);
  parties = world.parties;
  ({ expertA, expertB, moA, moB, monitoring } = world.tokens);
  await server.ok(
    CreatePerCapitaNormDocument,
    { input: { normKindCode: 'INPATIENT', amount: '25000.00', validFrom: '2024-01-01', basis: 'ТП ОМС 2024' } },
    server.adminToken,
  );
});
afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

async function newCase() {
  return (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(parties) }, expertA)).registerRefusalCase.result!;
}

const reviewCount = async (caseId: string) => (await server.sql('select 1 from commission_review where refusal_case_id = $1', [caseId])).length;

const action = (description: string, dueDate: string) => ({
  description,
  type: 'CORRECTIVE' as const,
  ownerName: 'Кокоев А. Б.',
  ownerPosition: 'заведующий неврологическим отделением',
  dueDate,
});

describe('recording a commission review', () => {
  it('the review is due 10 working days after registration, skipping the May holidays', async () => {
    const c = await newCase();
    const { refusalCase } = await server.ok(CaseReviewDocument, { id: c.id }, moA);
    // 08.05.2024 + 10 working days: 13–17.05 (5), 20–24.05 (10); 9 and 10 May are days off.
    expect(refusalCase?.reviewDueOn).toBe('2024-05-24');
  });

  it.each([
    ['no chair', { members: [{ name: 'Кокоев А. Б.', position: 'врач', role: 'MEMBER' as const }] }, 'members', 'Укажите председателя комиссии'],
    [
      'two chairs',
      {
        members: [
          { name: 'А', position: 'врач', role: 'CHAIR' as const },
          { name: 'Б', position: 'врач', role: 'CHAIR' as const },
        ],
      },
      'members',
      'Председатель у комиссии один',
    ],
    ['no cause', { causes: [] }, 'causes', 'Укажите хотя бы одну причину'],
    ['a protocol in the future', { protocolDate: '2024-05-09' }, 'protocolDate', 'Дата протокола не может быть в будущем'],
  ])('refuses a review with %s and writes nothing', async (_what, change, field, message) => {
    const c = await newCase();
    const payload = await recordReview(server, moA, c.id, change);
    expect(payload.result).toBeNull();
    expect(payload.errors).toContainEqual(expect.objectContaining({ field, message }));
    expect(await reviewCount(c.id)).toBe(0);
  });

  it('asks for an explanation of the cause «Другое»', async () => {
    const c = await newCase();
    const other = (await server.sql<{ id: string }>(`select id from root_cause where code = 'OTHER'`))[0].id;
    const payload = await recordReview(server, moA, c.id, { causes: [{ rootCauseId: other }] });
    expect(payload.errors).toEqual([expect.objectContaining({ field: 'causes.0.comment', code: 'REQUIRED' })]);
    const explained = await recordReview(server, moA, c.id, { causes: [{ rootCauseId: other, comment: 'Пациент переехал' }] });
    expect(explained.result?.causes).toEqual([{ rootCauseId: other, name: 'Другое', comment: 'Пациент переехал' }]);
  });

  it('only the case’s MO writes it; every party reads it; edits need the current version', async () => {
    const c = await newCase();
    expect((await recordReview(server, moB, c.id)).errors[0]).toMatchObject({ field: 'caseId', code: 'NOT_FOUND' });
    const bySmo = await server.gql(CaseReviewDocument, { id: c.id }, expertA);
    expect(bySmo.errors).toBeUndefined();
    const smoWrites = await recordReview(server, expertA, c.id).catch((error: Error) => error.message);
    expect(JSON.stringify(smoWrites)).toContain('FORBIDDEN');
    const first = await recordReview(server, moA, c.id);
    expect(first.result).toMatchObject({ protocolNumber: 'ВК-17', version: 1, agreesWithFindings: null });
    for (const token of [expertA, monitoring]) {
      expect((await server.ok(CaseReviewDocument, { id: c.id }, token)).refusalCase?.review?.id).toBe(first.result!.id);
    }
    expect((await recordReview(server, moA, c.id)).errors[0]).toMatchObject({ field: 'version', code: 'REQUIRED' });
    const edited = await recordReview(server, moA, c.id, { version: 1, protocolNumber: 'ВК-17/1' });
    expect(edited.result).toMatchObject({ protocolNumber: 'ВК-17/1', version: 2 });
    expect((await recordReview(server, moA, c.id, { version: 1 })).errors[0].code).toBe('STALE_VERSION');
  });

  it('where the case has findings, gives an opinion on each of them', async () => {
    const c = await newCase();
    const e = await openExpertise(server, expertA, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    const f1 = (await addFinding(server, expertA, { expertiseId: e.id, code: '3.2.1', description: 'x', episode: newEpisode('100.00') })).result!;
    const f2 = (await addFinding(server, expertA, { expertiseId: e.id, code: '3.11', description: 'x', episode: newEpisode('100.00') })).result!;
    const missing = await recordReview(server, moA, c.id, { findingOpinions: [{ findingId: f1.id, agrees: true }] });
    expect(missing.errors).toEqual([expect.objectContaining({ field: 'findingOpinions', code: 'REQUIRED' })]);
    const full = await recordReview(server, moA, c.id, {
      findingOpinions: [
        { findingId: f1.id, agrees: true },
        { findingId: f2.id, agrees: false, comment: 'Результаты были в карте' },
      ],
    });
    expect(full.result).toMatchObject({ agreesWithFindings: false });
  });

  it("is the MO's one position on a finding: the review's disagreement is the expertise's «Позиция МО», and the other way round", async () => {
    const c = await newCase();
    const e = await openExpertise(server, expertA, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    const f = (await addFinding(server, expertA, { expertiseId: e.id, code: '3.2.1', description: 'x', episode: newEpisode('100.00') })).result!;
    const positionInExpertise = async () =>
      (await server.ok(ExpertiseDocument, { id: e.id }, expertA)).expertise!.findings.map((x) => [x.moPosition, x.moComment, x.moPositionSource]);
    const opinionsInReview = async () => (await server.ok(CaseReviewDocument, { id: c.id }, moA)).refusalCase!.review;
    const rows = async () => Number((await server.sql<{ n: string }>('select count(*) as n from finding_position where finding_id = $1', [f.id]))[0].n);

    const review = await recordReview(server, moA, c.id, { findingOpinions: [{ findingId: f.id, agrees: false, comment: 'ЭКГ было в карте' }] });
    expect(review.errors).toEqual([]);
    expect(await positionInExpertise()).toEqual([['DISAGREES', 'ЭКГ было в карте', 'COMMISSION_REVIEW']]);

    // Said again at the discussion, it is the review's opinion too.
    const said = await server.ok(RecordMoPositionsDocument, { input: { expertiseId: e.id, positions: [{ findingId: f.id, position: 'AGREES' }] } }, moA);
    expect(said.recordMoPositions.errors).toEqual([]);
    expect(await opinionsInReview()).toMatchObject({ agreesWithFindings: true, findingOpinions: [{ findingId: f.id, agrees: true, comment: null }] });
    expect(await positionInExpertise()).toEqual([['AGREES', null, 'DISCUSSION']]);

    // Saying the same again changes nothing; each change is kept, the latest is the position.
    expect(await rows()).toBe(2);
    await recordReview(server, moA, c.id, { version: review.result!.version, findingOpinions: [{ findingId: f.id, agrees: true }] });
    expect(await rows()).toBe(2);

    // The signed conclusion keeps the position it was signed with; a later disagreement is shown, the act stays.
    await discuss(server, expertA, e.id, '2024-05-06');
    expect((await signExpertise(server, expertA, e.id)).errors).toEqual([]);
    const actText = async () => {
      const response = await fetch(`${server.url}/expertises/${e.id}/act.docx`, { headers: { authorization: `Bearer ${moA}` } });
      const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
      return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    };
    const signedAct = await actText();
    expect(signedAct).toContain('Код 3.2.1: МО согласна');
    const current = (await opinionsInReview())!;
    await recordReview(server, moA, c.id, {
      version: current.version,
      findingOpinions: [{ findingId: f.id, agrees: false, comment: 'Пересмотрено комиссией' }],
    });
    expect(await positionInExpertise()).toEqual([['DISAGREES', 'Пересмотрено комиссией', 'COMMISSION_REVIEW']]);
    expect(await actText()).toBe(signedAct);
  });
});

describe('corrective actions', () => {
  async function reviewWithActions(...actions: ReturnType<typeof action>[]) {
    const c = await newCase();
    // A sitting before the May holidays, so that an action can fall due before them.
    const review = (await recordReview(server, moA, c.id, { actions, protocolDate: '2024-04-26' })).result!;
    return { caseId: c.id, actions: review.actions };
  }
  const update = async (input: UpdateCorrectiveActionInput, token = moA) =>
    (await server.ok(UpdateCorrectiveActionDocument, { input }, token)).updateCorrectiveAction;

  it('moves planned → in progress → done with evidence, then stays done', async () => {
    const { actions } = await reviewWithActions(action('Назначать консультацию невролога до направления', '2024-06-30'));
    const [a] = actions;
    expect(a).toMatchObject({ status: 'PLANNED', overdue: false });
    const started = await update({ id: a.id, version: a.version, status: 'IN_PROGRESS' });
    expect(started.result?.status).toBe('IN_PROGRESS');
    const noEvidence = await update({ id: a.id, version: started.result!.version, status: 'DONE' });
    expect(noEvidence.errors).toEqual([expect.objectContaining({ field: 'evidence', code: 'REQUIRED' })]);
    const done = await update({ id: a.id, version: started.result!.version, status: 'DONE', evidence: 'Приказ № 45 от 07.05.2024' });
    expect(done.result).toMatchObject({
      status: 'DONE',
      evidence: 'Приказ № 45 от 07.05.2024',
      completedOn: TODAY,
      confirmedBy: { fullName: expect.any(String) },
    });
    const reopen = await update({ id: a.id, version: done.result!.version, status: 'IN_PROGRESS' });
    expect(reopen.errors[0]).toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('tells each party what it may do: the MO records and edits, both parties attach to the case, nobody edits a finished action', async () => {
    const { caseId, actions } = await reviewWithActions(action('Провести разбор на конференции', '2024-07-01'));
    const admin = server.adminToken;
    const seen = async (token: string) => {
      const { refusalCase } = await server.ok(CaseReviewDocument, { id: caseId }, token);
      const a = refusalCase!.review!.actions[0];
      return [refusalCase!.mayRecordReview, refusalCase!.mayAttachFiles, refusalCase!.review!.mayAttachFiles, a.editable, a.mayAttachFiles];
    };
    expect(await seen(moA)).toEqual([true, true, true, true, true]);
    expect(await seen(expertA)).toEqual([false, true, false, false, false]);
    expect(await seen(monitoring)).toEqual([false, false, false, false, false]);
    expect(await seen(admin)).toEqual([false, false, false, false, false]);
    await update({ id: actions[0].id, version: actions[0].version, status: 'CANCELLED', cancelReason: 'Конференция отменена' });
    expect((await seen(moA))[3]).toBe(false);
  });

  it('is cancelled only with a reason; the SMO and another MO cannot touch it', async () => {
    const { actions } = await reviewWithActions(action('Закупить аппарат УЗИ', '2024-12-01'));
    const [a] = actions;
    expect((await update({ id: a.id, version: a.version, status: 'CANCELLED' })).errors[0]).toMatchObject({ field: 'cancelReason', code: 'REQUIRED' });
    expect(
      (await server.gql(UpdateCorrectiveActionDocument, { input: { id: a.id, version: a.version, status: 'CANCELLED', cancelReason: 'x' } }, expertA))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await update({ id: a.id, version: a.version, status: 'CANCELLED', cancelReason: 'x' }, moB)).errors[0].code).toBe('NOT_FOUND');
    const cancelled = await update({ id: a.id, version: a.version, status: 'CANCELLED', cancelReason: 'Оборудование передано из другой МО' });
    expect(cancelled.result).toMatchObject({ status: 'CANCELLED', cancelReason: 'Оборудование передано из другой МО', workingDaysLeft: null });
  });

  it('falls due on the protocol day or later: an earlier date is refused at its field, when recorded and when changed', async () => {
    const c = await newCase();
    const early = await recordReview(server, moA, c.id, { protocolDate: '2024-05-06', actions: [action('Срок в прошлом', '2024-05-01')] });
    expect(early.errors).toEqual([
      expect.objectContaining({ field: 'actions.0.dueDate', message: 'Срок мероприятия раньше даты протокола (06.05.2024): укажите срок не раньше неё' }),
    ]);
    expect(await reviewCount(c.id)).toBe(0);
    const { actions } = await reviewWithActions(action('Срок в день протокола', '2024-04-26'));
    const moved = await update({ id: actions[0].id, version: actions[0].version, dueDate: '2024-04-25' });
    expect(moved.errors).toEqual([expect.objectContaining({ field: 'dueDate', code: 'INVALID' })]);
  });

  it('counts overdue in working days across the May holidays', async () => {
    const { actions } = await reviewWithActions(action('Срок после праздников', '2024-05-13'), action('Срок до праздников', '2024-05-03'));
    const byDescription = new Map(actions.map((a) => [a.description, a]));
    // 9 and 10 May are days off: from 08.05 the next working day is 13.05.
    expect(byDescription.get('Срок после праздников')).toMatchObject({ overdue: false, workingDaysLeft: 1 });
    expect(byDescription.get('Срок до праздников')).toMatchObject({ overdue: true, workingDaysLeft: -3 });
  });
});

describe('closing a case', () => {
  it('is refused with every missing piece named, then allowed', async () => {
    const c = await newCase();
    const e = await openExpertise(server, expertA, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    const f = (await addFinding(server, expertA, { expertiseId: e.id, code: '3.2.1', description: 'x', episode: newEpisode('100.00') })).result!;
    // The card says beforehand what the refusal will say, so that «Закрыть» is offered only when it works.
    const close = async () => {
      const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, expertA);
      const refused = (await server.ok(CloseRefusalCaseDocument, { id: c.id, version: refusalCase!.version }, expertA)).closeRefusalCase;
      expect(refusalCase!.closingBlockers).toEqual(refused.errors.map((x) => x.message));
      return refused;
    };
    expect((await close()).errors.map((x) => x.message)).toEqual([
      'Не записан комиссионный разбор медицинской организации',
      `ЭКМП ${e.number} не завершена (черновик)`,
    ]);
    // Not theirs to close: the MO is told nothing, rather than reasons for a move it cannot make.
    expect((await server.ok(RefusalCaseDocument, { id: c.id }, moA)).refusalCase!.closingBlockers).toEqual([]);
    const review = await recordReview(server, moA, c.id, {
      findingOpinions: [{ findingId: f.id, agrees: true }],
      actions: [action('Разобрать случай на врачебной конференции', '2024-05-31')],
    });
    expect((await close()).errors.map((x) => x.message)).toEqual([
      `ЭКМП ${e.number} не завершена (черновик)`,
      'Мероприятие «Разобрать случай на врачебной конференции» не выполнено и не отменено',
    ]);
    await discuss(server, expertA, e.id, '2024-05-06');
    await server.ok(RecordMoPositionsDocument, { input: { expertiseId: e.id, positions: [{ findingId: f.id, position: 'AGREES' }] } }, moA);
    const current = (await server.sql<{ version: number }>('select version from expertise where id = $1', [e.id]))[0].version;
    expect((await server.ok(SignExpertiseDocument, { id: e.id, version: current }, expertA)).signExpertise.errors).toEqual([]);
    const [a] = review.result!.actions;
    await server.ok(UpdateCorrectiveActionDocument, { input: { id: a.id, version: a.version, status: 'DONE', evidence: 'Протокол конференции № 3' } }, moA);
    const closed = await close();
    expect(closed.errors).toEqual([]);
    expect(closed.result?.state).toBe('CLOSED');
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, moA);
    expect(refusalCase?.history[0]).toMatchObject({ kind: 'STATE_CHANGED', changes: [expect.objectContaining({ to: 'закрыт' })] });
  });

  it("answers what stands in each case's way for a whole page in a constant number of statements", async () => {
    const closingPage: TypedDocumentNode<{ refusalCases: { edges: Array<{ node: { id: string; closingBlockers: string[] } }> } }, { first: number }> = parse(
      'query ClosingPage($first: Int!) { refusalCases(first: $first) { edges { node { id closingBlockers } } } }',
    );
    const page = (first: number) => server.ok(closingPage, { first }, expertA);
    await newCase();
    await newCase();
    const small = await countStatements(server, () => page(1));
    const large = await countStatements(server, () => page(50));
    expect((await page(50)).refusalCases.edges.length).toBeGreaterThan(2);
    expect(large).toBe(small);
  });
});

describe('attachments', () => {
  const upload = (owner: string, ownerId: string, body: Buffer, token: string | null, fileName = 'протокол.pdf') =>
    fetch(`${server.url}/attachments?owner=${owner}&ownerId=${ownerId}&fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const attachmentCount = async () => Number((await server.sql<{ n: string }>('select count(*) as n from attachment'))[0].n);

  it('uploads to a case and downloads the same bytes, for the case’s parties only', async () => {
    const c = await newCase();
    const response = await upload('CASE', c.id, PDF, expertA);
    expect(response.status).toBe(201);
    const stored = (await response.json()) as { id: string; sha256: string; contentType: string; fileName: string };
    expect(stored).toMatchObject({ contentType: 'application/pdf', fileName: 'протокол.pdf', size: PDF.length });
    const download = await fetch(`${server.url}/attachments/${stored.id}`, { headers: { authorization: `Bearer ${moA}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get('x-content-sha256')).toBe(stored.sha256);
    for (const [token, status] of [
      [moB, 404],
      [expertB, 404],
      [null, 401],
    ] as const) {
      expect((await fetch(`${server.url}/attachments/${stored.id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).status).toBe(status);
    }
    const { refusalCase } = await server.ok(CaseReviewDocument, { id: c.id }, moA);
    expect(refusalCase?.attachments.map((a) => a.id)).toEqual([stored.id]);
  });

  it('review files are the MO’s: the SMO may not add them; outsiders may not upload at all', async () => {
    const c = await newCase();
    const review = (await recordReview(server, moA, c.id)).result!;
    expect((await upload('REVIEW', review.id, PDF, expertA)).status).toBe(403);
    expect((await upload('REVIEW', review.id, PDF, moA)).status).toBe(201);
    expect((await upload('CASE', c.id, PDF, moB)).status).toBe(404);
    expect((await upload('CASE', c.id, PDF, null)).status).toBe(401);
    const { refusalCase } = await server.ok(CaseReviewDocument, { id: c.id }, expertA);
    expect(refusalCase?.review?.attachments).toHaveLength(1);
  });

  it('refuses oversize files and types outside the allow-list, writing nothing', async () => {
    const c = await newCase();
    const before = await attachmentCount();
    const oversize = await upload('CASE', c.id, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), expertA);
    expect(oversize.status).toBe(413);
    expect(((await oversize.json()) as { message: string }).message).toBe('Файл больше 10 МБ');
    const text = await upload('CASE', c.id, Buffer.from('просто текст, не PDF'), expertA, 'fake.pdf');
    expect(text.status).toBe(415);
    expect(await attachmentCount()).toBe(before);
  });

  it('an upload cut off midway leaves nothing behind', async () => {
    const c = await newCase();
    const before = await attachmentCount();
    const { port } = new URL(server.url);
    // The server says when it has given the upload up; the test waits for that, not for time to pass.
    const givenUp = new Promise<void>((resolve) => {
      const listener = (line: string) => {
        if (!line.includes('attachment upload interrupted')) return;
        serverLog.off('line', listener);
        resolve();
      };
      serverLog.on('line', listener);
    });
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/attachments?owner=CASE&ownerId=${c.id}&fileName=cut.pdf`,
      headers: { authorization: `Bearer ${expertA}`, 'content-length': String(PDF.length * 100) },
    });
    request.on('error', () => undefined);
    request.write(PDF, () => request.destroy());
    await givenUp;
    expect(await attachmentCount()).toBe(before);
  });
});

describe('comments', () => {
  it('an internal comment stays in its organisation; a shared one reaches the other party and the history', async () => {
    const c = await newCase();
    await server.ok(AddCaseCommentDocument, { caseId: c.id, text: 'Внутреннее: проверить полис', shared: false }, expertA);
    await server.ok(AddCaseCommentDocument, { caseId: c.id, text: 'Просим представить протокол ВК', shared: true }, expertA);
    const texts = async (token: string) => (await server.ok(CaseReviewDocument, { id: c.id }, token)).refusalCase!.comments.map((x) => x.text);
    expect(await texts(expertA)).toEqual(['Внутреннее: проверить полис', 'Просим представить протокол ВК']);
    expect(await texts(moA)).toEqual(['Просим представить протокол ВК']);
    expect(await texts(monitoring)).toEqual(['Просим представить протокол ВК']);
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, moA);
    const summaries = refusalCase!.history.map((h) => h.summary);
    expect(summaries).toContain('Комментарий: Просим представить протокол ВК');
    expect(summaries.join(' ')).not.toContain('проверить полис');
  });

  it('nobody outside the case can comment on it', async () => {
    const c = await newCase();
    const { addCaseComment } = await server.ok(AddCaseCommentDocument, { caseId: c.id, text: 'x', shared: true }, moB);
    expect(addCaseComment.errors[0]).toMatchObject({ field: 'caseId', code: 'NOT_FOUND' });
  });
});

describe('review coverage', () => {
  it('counts cases, reviewed and reviewed on time per MO in the viewer’s scope', async () => {
    const { reviewCoverage } = await server.ok(ReviewCoverageDocument, { year: 2024, quarter: 1 }, monitoring);
    const [row] = reviewCoverage;
    const [expected] = await server.sql<{ cases: string; reviewed: string }>(
      `select count(*) as cases, count(r.id) as reviewed from refusal_case c left join commission_review r on r.refusal_case_id = c.id
        where c.mo_id = $1 and c.refusal_date between '2024-01-01' and '2024-03-31'`,
      [parties.moId],
    );
    expect(reviewCoverage).toHaveLength(1);
    expect(row).toMatchObject({
      moId: parties.moId,
      cases: Number(expected.cases),
      reviewed: Number(expected.reviewed),
      reviewedOnTime: Number(expected.reviewed),
    });
    expect(row.coveragePercent).toBeCloseTo((100 * Number(expected.reviewed)) / Number(expected.cases), 1);
    expect((await server.ok(ReviewCoverageDocument, { year: 2024, quarter: 1 }, moB)).reviewCoverage).toEqual([]);
  });
});

describe('the root cause list', () => {
  it('administrators extend it; others may not', async () => {
    const created = await server.ok(CreateRootCauseDocument, { code: 'NO_TRANSPORT', name: 'Нет транспорта до МО', requiresText: false }, server.adminToken);
    expect(created.createRootCause.result).toMatchObject({ code: 'NO_TRANSPORT', requiresText: false });
    expect((await server.ok(RootCausesDocument, {}, moA)).rootCauses.map((c) => c.code)).toContain('NO_TRANSPORT');
    const byMo = await server.gql(CreateRootCauseDocument, { code: 'X_CAUSE', name: 'x', requiresText: false }, moA);
    expect(byMo.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
