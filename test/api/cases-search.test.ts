import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RefusalCasesDocument,
  RegisterRefusalCaseDocument,
  TransitionRefusalCaseDocument,
  type RefusalCasesQueryVariables,
} from '../../client/generated/graphql.js';
import { caseInput, createOrganisation, createUserAndLogin } from '../helpers/fixtures.js';
import { countStatements, startTestServer, type TestServer } from '../helpers/server.js';
import { Viewer } from '../../server/modules/auth/viewer.js';
import { Role } from '../../server/modules/auth/role.js';
import { searchTallySql } from '../../server/modules/cases/refusal-case.query.js';
import type { RefusalCaseFilter } from '../../server/modules/cases/refusal-case.filter.js';

const TOTAL = 250;
const SURNAMES = ['Алборов', 'Бестаев', 'Габуев', 'Дзагоев', 'Кокоев'];
const DIAGNOSES = ['I63.5', 'I69.3', 'E11.6', 'M54.1', 'C50.9'];

let server: TestServer;
let expert: string;
let moOne: string;
let moTwo: string;
let bureauId: string;
const registered: Array<{ id: string; number: string; enp: string; surname: string; moId: string; refusalDate: string; diagnosis: string }> = [];

beforeAll(async () => {
  server = await startTestServer();
  const [smo, mo1, mo2, bureau] = await Promise.all([
    createOrganisation(server, 'SMO'),
    createOrganisation(server, 'MO'),
    createOrganisation(server, 'MO'),
    createOrganisation(server, 'MSE_BUREAU'),
  ]);
  moOne = mo1.id;
  moTwo = mo2.id;
  bureauId = bureau.id;
  expert = (await createUserAndLogin(server, 'SMO_EXPERT', smo.id)).token;
  const inputs = Array.from({ length: TOTAL }, (_, i) => {
    const month = String((i % 12) + 1).padStart(2, '0');
    const base = caseInput(
      { moId: i % 2 ? mo2.id : mo1.id, bureauId: bureau.id },
      {
        referralDate: `2024-${month}-01`,
        refusalDate: `2024-${month}-${String((i % 27) + 2).padStart(2, '0')}`,
        mainDiagnosis: DIAGNOSES[i % DIAGNOSES.length],
        remarks: i % 10 === 0 ? 'повторное направление' : null,
      },
    );
    return { ...base, person: { ...base.person, surname: SURNAMES[i % SURNAMES.length] } };
  });
  for (let i = 0; i < inputs.length; i += 10) {
    const batch = await Promise.all(inputs.slice(i, i + 10).map((input) => server.ok(RegisterRefusalCaseDocument, { input }, expert)));
    batch.forEach(({ registerRefusalCase: { result } }, k) => {
      const input = inputs[i + k];
      registered.push({
        id: result!.id,
        number: result!.number,
        enp: input.person.enp,
        surname: input.person.surname,
        moId: input.moId,
        refusalDate: input.refusalDate,
        diagnosis: input.mainDiagnosis,
      });
    });
  }
}, 120_000);
afterAll(() => server?.stop());

const page = (variables: RefusalCasesQueryVariables) => server.ok(RefusalCasesDocument, variables, expert);

describe('paging', () => {
  it('pages through all cases, each exactly once, in the requested order', async () => {
    const seen: string[] = [];
    const dates: string[] = [];
    let after: string | null | undefined = null;
    let pages = 0;
    do {
      const { refusalCases } = await page({ first: 40, after, orderBy: 'REFUSAL_DATE_ASC' });
      expect(refusalCases.totalCount).toBe(TOTAL);
      seen.push(...refusalCases.edges.map((e) => e.node.id));
      dates.push(...refusalCases.edges.map((e) => e.node.refusalDate));
      after = refusalCases.pageInfo.hasNextPage ? refusalCases.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(TOTAL / 40));
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
    expect(new Set(seen)).toEqual(new Set(registered.map((r) => r.id)));
    expect(dates).toEqual([...dates].sort());
  });

  it('requires a page size between 1 and 100 and a valid cursor', async () => {
    for (const first of [0, 101]) {
      const response = await server.gql(RefusalCasesDocument, { first }, expert);
      expect(response.errors?.[0]).toMatchObject({ message: 'first: от 1 до 100', extensions: { code: 'BAD_USER_INPUT' } });
    }
    const badCursor = await server.gql(RefusalCasesDocument, { first: 10, after: 'не курсор' }, expert);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('filters', () => {
  it('finds a case by ЕНП, by number and by surname', async () => {
    const target = registered[17];
    const byEnp = await page({ first: 10, filter: { enp: target.enp } });
    expect(byEnp.refusalCases.edges.map((e) => e.node.id)).toEqual([target.id]);
    const byNumber = await page({ first: 10, filter: { search: target.number } });
    expect(byNumber.refusalCases.edges.map((e) => e.node.id)).toEqual([target.id]);
    const bySurname = await page({ first: 100, filter: { search: target.surname.toLowerCase().slice(0, 5) } });
    expect(bySurname.refusalCases.totalCount).toBe(registered.filter((r) => r.surname === target.surname).length);
  });

  it('a search answers the same whether it goes by the matching ids or walks the cases newest first', async () => {
    const walking = await startTestServer({ RAZBOR_SEARCH_ID_LIST_MAX: '0' }, undefined, server);
    try {
      const target = registered[7];
      for (const filter of [
        { search: target.surname.slice(0, 4) },
        { search: 'повторное' },
        { search: 'нет-такого' },
        { search: target.surname, moId: target.moId },
      ]) {
        for (const first of [5, 100]) {
          const byIds = await server.ok(RefusalCasesDocument, { first, filter }, expert);
          const walked = await walking.ok(RefusalCasesDocument, { first, filter }, expert);
          expect(byIds.refusalCases.totalCount).toBe(walked.refusalCases.totalCount);
          expect(byIds.refusalCases.edges.map((e) => e.node.id)).toEqual(walked.refusalCases.edges.map((e) => e.node.id));
        }
      }
    } finally {
      await walking.stop();
    }
  });

  it('counts a text search’s matches up to its limit and says «более» past it; other filters count exactly', async () => {
    const capped = await startTestServer({ RAZBOR_SEARCH_COUNT_MAX: '20' }, undefined, server);
    try {
      const target = registered[3];
      const sameSurname = registered.filter((r) => r.surname === target.surname).length;
      expect(sameSurname).toBeGreaterThan(20);
      const common = await capped.ok(RefusalCasesDocument, { first: 5, filter: { search: target.surname } }, expert);
      expect(common.refusalCases).toMatchObject({ totalCount: 20, totalCountExact: false });
      expect(common.refusalCases.edges).toHaveLength(5);
      // Narrowed below the limit, the same search counts exactly.
      const narrowed = await capped.ok(RefusalCasesDocument, { first: 5, filter: { search: target.surname, quarter: { year: 2024, quarter: 2 } } }, expert);
      const inQ2 = registered.filter((r) => r.surname === target.surname && r.refusalDate >= '2024-04-01' && r.refusalDate <= '2024-06-30').length;
      expect(inQ2).toBeLessThanOrEqual(20);
      expect(narrowed.refusalCases).toMatchObject({ totalCount: inQ2, totalCountExact: true });
      const everything = await capped.ok(RefusalCasesDocument, { first: 5 }, expert);
      expect(everything.refusalCases).toMatchObject({ totalCount: TOTAL, totalCountExact: true });
    } finally {
      await capped.stop();
    }
  });

  it('combines MO, quarter, diagnosis prefix, state and free text', async () => {
    const inQ2 = (d: string) => d >= '2024-04-01' && d <= '2024-06-30';
    const expected = registered.filter((r) => r.moId === moTwo && inQ2(r.refusalDate) && r.diagnosis.startsWith('I6'));
    const { refusalCases } = await page({
      first: 100,
      filter: { moId: moTwo, quarter: { year: 2024, quarter: 2 }, diagnosis: 'i6', states: ['REGISTERED'] },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(refusalCases.edges.map((e) => e.node.id).sort()).toEqual(expected.map((r) => r.id).sort());

    const target = expected[0];
    await server.ok(TransitionRefusalCaseDocument, { id: target.id, version: 1, transition: 'START_EXPERTISE' }, expert);
    const underExpertise = await page({ first: 100, filter: { moId: moTwo, states: ['UNDER_EXPERTISE'] } });
    expect(underExpertise.refusalCases.edges.map((e) => e.node.id)).toEqual([target.id]);

    const remarks = await page({ first: 100, filter: { search: 'повторное направление', moId: moOne } });
    expect(remarks.refusalCases.totalCount).toBe(registered.filter((_, i) => i % 10 === 0 && i % 2 === 0).length);

    const dateRange = await page({ first: 100, filter: { refusalDateFrom: '2024-03-01', refusalDateTo: '2024-03-31' } });
    expect(dateRange.refusalCases.totalCount).toBe(registered.filter((r) => r.refusalDate.startsWith('2024-03')).length);
  });
});

describe('nested data is loaded in batches', () => {
  it('a page costs the same number of SQL statements whatever its size', async () => {
    const statementsFor = (first: number) =>
      countStatements(server, async () => {
        const { refusalCases } = await page({ first });
        expect(refusalCases.edges).toHaveLength(first);
        expect(refusalCases.edges.every((e) => e.node.person.surname && e.node.mo.shortName && e.node.bureau.shortName)).toBe(true);
      });
    const small = await statementsFor(5);
    const large = await statementsFor(100);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(6);
  });
});

describe('a search stays inside the viewer’s organisation', () => {
  it('another SMO’s cases of the same surname are neither found nor counted by an SMO; the MO finds both SMOs’ cases at it, and only those', async () => {
    const otherSmo = await createOrganisation(server, 'SMO');
    const otherExpert = (await createUserAndLogin(server, 'SMO_EXPERT', otherSmo.id)).token;
    const moUser = (await createUserAndLogin(server, 'MO_COMMISSION', moOne)).token;
    const theirs: string[] = [];
    for (const moId of [moOne, moOne, moTwo]) {
      const base = caseInput({ moId, bureauId }, { referralDate: '2024-05-01', refusalDate: '2024-05-20' });
      const { registerRefusalCase } = await server.ok(
        RegisterRefusalCaseDocument,
        { input: { ...base, person: { ...base.person, surname: 'Габуев' } } },
        otherExpert,
      );
      theirs.push(registerRefusalCase.result!.id);
    }
    const ours = registered.filter((r) => r.surname === 'Габуев');
    const oursAtMoOne = ours.filter((r) => r.moId === moOne);
    const walking = await startTestServer({ RAZBOR_SEARCH_ID_LIST_MAX: '0' }, undefined, server);
    try {
      // By the matching ids and by walking the newest cases; the total counted from the index either way.
      for (const target of [server, walking]) {
        for (const search of ['Габуев', 'габ']) {
          const mine = await target.ok(RefusalCasesDocument, { first: 100, filter: { search } }, expert);
          expect(mine.refusalCases.totalCount).toBe(ours.length);
          expect(mine.refusalCases.edges.map((e) => e.node.id).sort()).toEqual(ours.map((r) => r.id).sort());
          const other = await target.ok(RefusalCasesDocument, { first: 100, filter: { search } }, otherExpert);
          expect(other.refusalCases.totalCount).toBe(theirs.length);
          expect(other.refusalCases.edges.map((e) => e.node.id).sort()).toEqual([...theirs].sort());
          const atMo = await target.ok(RefusalCasesDocument, { first: 100, filter: { search } }, moUser);
          expect(atMo.refusalCases.totalCount).toBe(oursAtMoOne.length + 2);
          expect(atMo.refusalCases.edges.map((e) => e.node.id).sort()).toEqual([...oursAtMoOne.map((r) => r.id), theirs[0], theirs[1]].sort());
        }
      }
    } finally {
      await walking.stop();
    }
  });
});

describe('a search reads the years newest first', () => {
  const YEARS = [2021, 2022, 2023, 2024];
  let smoExpert: string;
  let smoExpertUserId: string;
  let smoId: string;
  let fundUser: string;
  let moUser: string;
  const olderYears: Array<{ id: string; refusalDate: string }> = [];

  beforeAll(async () => {
    const [smo, mo, fund] = await Promise.all([createOrganisation(server, 'SMO'), createOrganisation(server, 'MO'), createOrganisation(server, 'FUND')]);
    const expertLogin = await createUserAndLogin(server, 'SMO_EXPERT', smo.id);
    smoExpert = expertLogin.token;
    smoExpertUserId = expertLogin.user.id;
    smoId = smo.id;
    fundUser = (await createUserAndLogin(server, 'MONITORING', fund.id)).token;
    moUser = (await createUserAndLogin(server, 'MO_COMMISSION', mo.id)).token;
    for (const year of YEARS)
      for (const day of ['10', '11', '12']) {
        const base = caseInput({ moId: mo.id, bureauId }, { referralDate: `${year}-03-01`, refusalDate: `${year}-03-${day}` });
        const { registerRefusalCase } = await server.ok(
          RegisterRefusalCaseDocument,
          { input: { ...base, person: { ...base.person, surname: 'Цаликов' } } },
          smoExpert,
        );
        olderYears.push({ id: registerRefusalCase.result!.id, refusalDate: base.refusalDate });
      }
  }, 60_000);

  const newestFirst = () => [...olderYears].sort((a, b) => b.refusalDate.localeCompare(a.refusalDate)).map((c) => c.id);

  it('finds and counts the matches of every year, for the SMO, the MO and the fund alike, by ids or walking', async () => {
    const walking = await startTestServer({ RAZBOR_SEARCH_ID_LIST_MAX: '0' }, undefined, server);
    try {
      for (const target of [server, walking])
        for (const token of [smoExpert, moUser, fundUser]) {
          const { refusalCases } = await target.ok(RefusalCasesDocument, { first: 100, filter: { search: 'цалик' } }, token);
          expect(refusalCases).toMatchObject({ totalCount: olderYears.length, totalCountExact: true });
          expect(refusalCases.edges.map((e) => e.node.id)).toEqual(newestFirst());
        }
    } finally {
      await walking.stop();
    }
  });

  it('stops at the newest years once the count’s limit is passed, and reads every year for a search few cases match', async () => {
    const limits = { searchCountMax: 4, searchIdListMax: 2 };
    const capped = await startTestServer(
      { RAZBOR_SEARCH_COUNT_MAX: String(limits.searchCountMax), RAZBOR_SEARCH_ID_LIST_MAX: String(limits.searchIdListMax) },
      undefined,
      server,
    );
    try {
      const common = await capped.ok(RefusalCasesDocument, { first: 5, filter: { search: 'цалик' } }, smoExpert);
      expect(common.refusalCases).toMatchObject({ totalCount: 4, totalCountExact: false });
      expect(common.refusalCases.edges.map((e) => e.node.id)).toEqual(newestFirst().slice(0, 5));
      const narrowed = await capped.ok(RefusalCasesDocument, { first: 5, filter: { search: 'цалик', diagnosis: 'Z' } }, smoExpert);
      expect(narrowed.refusalCases).toMatchObject({ totalCount: 0, totalCountExact: true });
    } finally {
      await capped.stop();
    }
    // Which years the tally read: its plan, run on the database, counts each year's gathering.
    const viewer = new Viewer(smoExpertUserId, Role.SMO_EXPERT, smoId);
    const yearsRead = async (filter: RefusalCaseFilter) => {
      const em = server.razbor.orm.em.fork();
      const statement = searchTallySql(em, viewer, filter, limits);
      const [{ 'QUERY PLAN': plan }] = await em.execute<Array<{ 'QUERY PLAN': unknown }>>(`explain (analyze, format json) ${statement.sql}`, statement.params);
      // The nodes that apply a year's search (whichever index the planner picks): how often each ran.
      const loops: number[] = [];
      const visit = (node: { Filter?: string; 'Recheck Cond'?: string; 'Index Cond'?: string; 'Actual Loops': number; Plans?: unknown[] }) => {
        if ([node.Filter, node['Recheck Cond'], node['Index Cond']].some((condition) => condition?.includes('y.year'))) loops.push(node['Actual Loops']);
        for (const child of node.Plans ?? []) visit(child as typeof node);
      };
      visit((plan as Array<{ Plan: Parameters<typeof visit>[0] }>)[0].Plan);
      return Math.max(...loops);
    };
    // 3 matches of 2024 and 3 of 2023 pass the limit of 5 (the count's 4, one more): 2021 and 2022 are not read.
    expect(await yearsRead({ search: 'цалик' })).toBe(2);
    expect(await yearsRead({ search: 'цалик', diagnosis: 'Z' })).toBe(YEARS.length);
  });
});
