import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RefusalCaseDocument,
  RefusalCasesDocument,
  RegisterRefusalCaseDocument,
  TransitionRefusalCaseDocument,
  UpdateRefusalCaseDocument,
  type RegisterRefusalCaseInput,
} from '../../client/generated/graphql.js';
import { caseInput, invalidEnp, recordReview, twoSidedWorld, validEnp } from '../helpers/fixtures.js';
import { countStatements, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let parties: { moId: string; bureauId: string };
let expertA: string;
let expertB: string;
let moA: string;
let moB: string;
let monitoring: string;
let moBId: string;

beforeAll(async () => {
  server = await startTestServer();
  const world = await twoSidedWorld(server);
  parties = world.parties;
  moBId = world.organisations.moB.id;
  ({ expertA, expertB, moA, moB, monitoring } = world.tokens);
});
afterAll(() => server?.stop());

const caseCount = async () => Number((await server.sql<{ n: string }>('select count(*) as n from refusal_case'))[0].n);

async function register(input: RegisterRefusalCaseInput, token = expertA) {
  return (await server.ok(RegisterRefusalCaseDocument, { input }, token)).registerRefusalCase;
}

async function registered(input: RegisterRefusalCaseInput = caseInput(parties), token = expertA) {
  const payload = await register(input, token);
  if (!payload.result) throw new Error(JSON.stringify(payload.errors));
  return payload.result;
}

describe('registering a case', () => {
  it('gives it a yearly sequential number, the REGISTERED state and a first history entry', async () => {
    const first = await registered();
    const second = await registered();
    expect(first.number).toMatch(/^МСЭ-\d{4}-\d{6}$/);
    expect(Number(second.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
    expect(first).toMatchObject({ state: 'REGISTERED', stateLabel: 'зарегистрирован', version: 1, editable: true, mainDiagnosis: 'I63.5' });
    expect(first.person.snils).toBe('112-233-445 95');
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: first.id }, expertA);
    expect(refusalCase?.history.map((h) => h.kind)).toEqual(['REGISTERED']);
    expect(refusalCase?.history[0].summary).toContain(first.number);
  });

  it('refuses an ЕНП with a wrong check digit, and accepts it with an explicit override written to history', async () => {
    const enp = invalidEnp();
    const input = caseInput(parties);
    const refused = await register({ ...input, person: { ...input.person, enp } });
    expect(refused.result).toBeNull();
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'person.enp', code: 'INVALID_CHECKSUM' })]);
    expect(await server.sql('select 1 from insured_person where enp = $1', [enp])).toHaveLength(0);

    const accepted = await registered({ ...input, person: { ...input.person, enp, enpChecksumOverride: true } });
    expect(accepted.person).toMatchObject({ enp, enpChecksumOverridden: true });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: accepted.id }, expertA);
    expect(refusalCase?.history.map((h) => h.kind)).toContain('ENP_CHECKSUM_OVERRIDDEN');
  });

  it('checks СНИЛС: valid accepted, wrong checksum refused, old unchecked numbers accepted', async () => {
    const withSnils = (snils: string) => {
      const input = caseInput(parties);
      return { ...input, person: { ...input.person, snils } };
    };
    expect((await registered(withSnils('11223344595'))).person.snils).toBe('112-233-445 95');
    const refused = await register(withSnils('112-233-445 96'));
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'person.snils', code: 'INVALID_CHECKSUM' })]);
    expect((await registered(withSnils('001-001-998 00'))).person.snils).toBe('001-001-998 00');
  });

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  it.each<[string, (i: RegisterRefusalCaseInput) => RegisterRefusalCaseInput, string, string]>([
    ['ЕНП of 15 digits', (i) => ({ ...i, person: { ...i.person, enp: '500000000000009' } }), 'person.enp', 'INVALID'],
    ['refusal before the referral', (i) => ({ ...i, referralDate: '2024-03-01', refusalDate: '2024-02-20' }), 'refusalDate', 'INVALID'],
    ['refusal in the future', (i) => ({ ...i, refusalDate: tomorrow }), 'refusalDate', 'INVALID'],
    ['МКБ-10 without the letter', (i) => ({ ...i, mainDiagnosis: '63.5' }), 'mainDiagnosis', 'INVALID'],
    ['a malformed secondary diagnosis', (i) => ({ ...i, secondaryDiagnoses: ['E11', 'I6'] }), 'secondaryDiagnoses.1', 'INVALID'],
    ['no missing examination', (i) => ({ ...i, missingExaminations: [] }), 'missingExaminations', 'INVALID'],
    ['an empty surname', (i) => ({ ...i, person: { ...i.person, surname: '  ' } }), 'person.surname', 'INVALID'],
    ['a birth date in the future', (i) => ({ ...i, person: { ...i.person, birthDate: tomorrow } }), 'person.birthDate', 'INVALID'],
    ['a bureau that is an MO', (i) => ({ ...i, bureauId: i.moId }), 'bureauId', 'INVALID'],
    ['an MO that is a bureau', (i) => ({ ...i, moId: i.bureauId }), 'moId', 'INVALID'],
    ['an unknown MO', (i) => ({ ...i, moId: '00000000-0000-0000-0000-000000000001' }), 'moId', 'NOT_FOUND'],
  ])('refuses %s, naming the field, and writes nothing', async (_rule, change, field, code) => {
    const before = await caseCount();
    const payload = await register(change(caseInput(parties)));
    expect(payload.result).toBeNull();
    expect(payload.errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(payload.errors.every((e) => e.message.length > 0 && /[а-я]/i.test(e.message))).toBe(true);
    expect(await caseCount()).toBe(before);
  });

  it('refuses a second case for the same person, bureau and refusal date, naming the existing case; reuses the person', async () => {
    const input = caseInput(parties);
    const first = await registered(input);
    const again = await register({ ...input, referralNumber: 'другой' });
    expect(again.errors).toEqual([expect.objectContaining({ field: 'refusalDate', code: 'ALREADY_EXISTS', message: expect.stringContaining(first.number) })]);
    const later = await registered({ ...input, refusalDate: '2024-04-02', referralDate: '2024-03-20' });
    expect(later.person.id).toBe(first.person.id);
    expect(await server.sql('select 1 from insured_person where enp = $1', [input.person.enp])).toHaveLength(1);
  });

  it('brings a known person up to date from a new registration: the change is in its history and the earlier case is found by the new surname', async () => {
    const input = caseInput(parties);
    const first = await registered(input);
    const renamed = { ...input.person, surname: 'Бекоева' };
    const later = await registered({ ...input, person: renamed, refusalDate: '2024-04-02', referralDate: '2024-03-20' });
    expect(later.person).toMatchObject({ id: first.person.id, surname: 'Бекоева' });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: later.id }, expertA);
    expect(refusalCase?.history[0].changes).toEqual([{ field: 'person.surname', label: 'Фамилия', from: 'Цаликова', to: 'Бекоева' }]);
    const found = await server.ok(RefusalCasesDocument, { first: 10, filter: { search: `бекоева ${first.number}` } }, expertA);
    expect(found.refusalCases.edges.map((e) => e.node.id)).toEqual([first.id]);
  });

  it('costs three SQL statements: the sign-in check, what registration checks, and one write', async () => {
    type Answer = { registerRefusalCase: { result: { id: string } | null; errors: unknown[] } };
    const registerForId = parse(
      'mutation($input: RegisterRefusalCaseInput!) { registerRefusalCase(input: $input) { result { id } errors { message } } }',
    ) as TypedDocumentNode<Answer, { input: RegisterRefusalCaseInput }>;
    await registered(); // the first one also loads the production calendar, kept in memory after
    let answer: Answer | undefined;
    const statements = await countStatements(server, async () => {
      answer = await server.ok(registerForId, { input: caseInput(parties, { idempotencyKey: `count-${validEnp()}` }) }, expertA);
    });
    expect(answer?.registerRefusalCase.errors).toEqual([]);
    expect(statements).toBe(3);
  });

  it('stores text exactly as typed, whatever characters the statement is built around (?, quotes, backslash, $1, %s)', async () => {
    const remarks = "Что? Где? «О'Нил» \\ путь C:\\МСЭ $1 %s ?? конец";
    const surname = "Д'Артаньян?";
    const input = caseInput(parties, { remarks });
    const c = await registered({ ...input, person: { ...input.person, surname } });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, expertA);
    expect(refusalCase).toMatchObject({ remarks, person: { surname } });
    expect(refusalCase?.history[0].summary).toBe(`Случай ${c.number} зарегистрирован`);
    const [row] = await server.sql<{ search_text: string }>('select search_text from refusal_case where id = $1', [c.id]);
    expect(row.search_text).toContain("д'артаньян?");
  });

  it('returns the first case when the same idempotency key is sent twice', async () => {
    const input = caseInput(parties, { idempotencyKey: `retry-${validEnp()}` });
    const first = await registered(input);
    const before = await caseCount();
    const retry = await registered(input);
    expect(retry.id).toBe(first.id);
    expect(retry.number).toBe(first.number);
    expect(await caseCount()).toBe(before);
  });
});

describe('organisation scope on cases', () => {
  it('the SMO that registered it, the MO it concerns and the fund see it; other SMOs and MOs do not', async () => {
    const c = await registered();
    for (const token of [expertA, moA, monitoring, server.adminToken]) {
      expect((await server.ok(RefusalCaseDocument, { id: c.id }, token)).refusalCase?.id).toBe(c.id);
    }
    for (const token of [expertB, moB]) {
      expect((await server.ok(RefusalCaseDocument, { id: c.id }, token)).refusalCase).toBeNull();
      const list = await server.ok(RefusalCasesDocument, { first: 100, filter: { enp: c.person.enp } }, token);
      expect(list.refusalCases.totalCount).toBe(0);
      expect(list.refusalCases.edges).toEqual([]);
    }
    const mine = await server.ok(RefusalCasesDocument, { first: 100, filter: { enp: c.person.enp } }, moA);
    expect(mine.refusalCases.edges.map((e) => e.node.id)).toEqual([c.id]);
  });

  it('an MO user reads its case but cannot change it; another SMO cannot find it to change', async () => {
    const c = await registered();
    const byMo = await server.gql(UpdateRefusalCaseDocument, { input: { id: c.id, version: c.version, remarks: 'x' } }, moA);
    expect(byMo.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const registerByMo = await server.gql(RegisterRefusalCaseDocument, { input: caseInput(parties) }, moA);
    expect(registerByMo.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherSmo = await server.ok(UpdateRefusalCaseDocument, { input: { id: c.id, version: c.version, remarks: 'x' } }, expertB);
    expect(byOtherSmo.updateRefusalCase.errors).toEqual([expect.objectContaining({ field: 'id', code: 'NOT_FOUND' })]);
    const transitionByOther = await server.ok(TransitionRefusalCaseDocument, { id: c.id, version: c.version, transition: 'CLOSE' }, expertB);
    expect(transitionByOther.transitionRefusalCase.errors[0].code).toBe('NOT_FOUND');
    const [row] = await server.sql<{ remarks: string; state: string }>('select remarks, state from refusal_case where id = $1', [c.id]);
    expect(row).toEqual({ remarks: c.remarks, state: 'REGISTERED' });
  });
});

describe('editing a case', () => {
  it('applies an edit of the current version, refuses a stale one and keeps the colleague’s edit', async () => {
    const c = await registered();
    const first = await server.ok(
      UpdateRefusalCaseDocument,
      { input: { id: c.id, version: c.version, remarks: 'Правка коллеги', mainDiagnosis: 'i69.3' } },
      expertA,
    );
    expect(first.updateRefusalCase.result).toMatchObject({ version: 2, remarks: 'Правка коллеги', mainDiagnosis: 'I69.3' });
    const stale = await server.ok(UpdateRefusalCaseDocument, { input: { id: c.id, version: 1, remarks: 'Моя правка' } }, expertA);
    expect(stale.updateRefusalCase.result).toBeNull();
    expect(stale.updateRefusalCase.errors).toEqual([
      expect.objectContaining({ field: 'version', code: 'STALE_VERSION', message: expect.stringContaining('текущая версия 2') }),
    ]);
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, expertA);
    expect(refusalCase).toMatchObject({ remarks: 'Правка коллеги', version: 2 });
  });

  it('writes every change to the history, newest first, with old and new values', async () => {
    const c = await registered();
    const edited = await server.ok(
      UpdateRefusalCaseDocument,
      { input: { id: c.id, version: c.version, refusalDocumentNumber: 'ОТК-99', moId: moBId } },
      expertA,
    );
    const version = edited.updateRefusalCase.result!.version;
    await server.ok(TransitionRefusalCaseDocument, { id: c.id, version, transition: 'START_EXPERTISE' }, expertA);
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, expertA);
    expect(refusalCase?.history.map((h) => h.kind)).toEqual(['STATE_CHANGED', 'UPDATED', 'REGISTERED']);
    const [stateChange, update] = refusalCase!.history;
    expect(stateChange.changes).toEqual([{ field: 'state', label: 'Состояние', from: 'зарегистрирован', to: 'на экспертизе' }]);
    expect(update.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'refusalDocumentNumber', from: 'ОТК-55/2024', to: 'ОТК-99' }),
        expect.objectContaining({ field: 'mo', label: 'Медицинская организация' }),
      ]),
    );
    expect(update.actor?.fullName).toMatch(/Тестовый пользователь/);
  });

  it('the database refuses to rewrite or delete history', async () => {
    const c = await registered();
    await expect(server.sql('update case_history set summary = $1 where refusal_case_id = $2', ['подмена', c.id])).rejects.toThrow(/не изменяются/);
    await expect(server.sql('delete from case_history where refusal_case_id = $1', [c.id])).rejects.toThrow(/не изменяются/);
  });
});

describe('lifecycle', () => {
  it('moves through the states, refuses moves that are not allowed with the reason, and reopens with a reason', async () => {
    const c = await registered();
    const move = async (transition: 'START_EXPERTISE' | 'SEND_TO_MO_REVIEW' | 'CLOSE' | 'REOPEN', version: number, reason?: string) =>
      (await server.ok(TransitionRefusalCaseDocument, { id: c.id, version, transition, reason }, expertA)).transitionRefusalCase;

    const reopenTooEarly = await move('REOPEN', 1);
    expect(reopenTooEarly.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION', message: 'Нельзя открыть повторно: случай в состоянии «зарегистрирован»' }),
    ]);
    const underExpertise = await move('START_EXPERTISE', 1);
    expect(underExpertise.result?.allowedTransitions).toEqual(['SEND_TO_MO_REVIEW', 'CLOSE']);
    const awaiting = await move('SEND_TO_MO_REVIEW', 2);
    expect(awaiting.result?.state).toBe('AWAITING_MO_REVIEW');
    const withoutReview = await move('CLOSE', 3);
    expect(withoutReview.errors.map((e) => e.message)).toEqual(['Не записан комиссионный разбор медицинской организации']);
    expect((await recordReview(server, moA, c.id)).errors).toEqual([]);
    const closed = await move('CLOSE', 3);
    expect(closed.result).toMatchObject({ state: 'CLOSED', allowedTransitions: ['REOPEN'] });

    const editClosed = await server.ok(UpdateRefusalCaseDocument, { input: { id: c.id, version: 4, remarks: 'x' } }, expertA);
    expect(editClosed.updateRefusalCase.errors[0]).toMatchObject({ code: 'NOT_ALLOWED' });
    const noReason = await move('REOPEN', 4);
    expect(noReason.errors[0]).toMatchObject({ code: 'INVALID_TRANSITION', message: 'Укажите причину повторного открытия случая' });
    const reopened = await move('REOPEN', 4, 'Поступили новые сведения от МО');
    expect(reopened.result?.state).toBe('REOPENED');
  });
});

describe('safe retries under concurrency', () => {
  it('parallel registrations with one idempotency key create one case', async () => {
    const input = caseInput(parties, { idempotencyKey: `parallel-${validEnp()}` });
    const before = await caseCount();
    const payloads = await Promise.all(Array.from({ length: 8 }, () => register(input)));
    expect(payloads.every((p) => p.errors.length === 0)).toBe(true);
    expect(new Set(payloads.map((p) => p.result!.id)).size).toBe(1);
    expect(await caseCount()).toBe(before + 1);
  });
});
