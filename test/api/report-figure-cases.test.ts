import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  QuarterlyReportDocument,
  RecordReferralDocument,
  RefusalCasesDocument,
  RegisterRefusalCaseDocument,
  type RecordReferralInput,
  type QuarterlyReportQuery,
  type RefusalCaseFilter,
  type ReportFigure,
} from '../../client/generated/graphql.js';
import { addFinding, createNorms2024, discuss, newEpisode, openExpertise, signExpertise } from '../helpers/expertise.js';
import { caseInput, recordReview, twoSidedWorld, validEnp } from '../helpers/fixtures.js';
import { loadExampleList } from '../helpers/reference.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Every figure of the quarterly report's refusals opens the cases it counts: the web client links a
 * figure to the case list with the figure's group as the list's filter (its address is unit-tested in
 * client/src/cases/case-filter.test.ts), and that list finds exactly as many cases as the figure says —
 * and only the viewer's own.
 */
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
  const { moA, moB } = world.organisations;
  const sharedEnp = validEnp();
  const repeatedEnp = validEnp();
  const person = (enp: string) => ({ ...caseInput(world.parties).person, enp });
  const register = async (token: string, overrides: Parameters<typeof caseInput>[1]) => {
    const { registerRefusalCase } = await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties, overrides) }, token);
    expect(registerRefusalCase.errors).toEqual([]);
  };
  const q4 = { referralDate: '2023-10-02', refusalDate: '2023-11-01' };
  const q1 = { referralDate: '2024-01-09', refusalDate: '2024-02-01' };
  // SMO B refused one person in the previous quarter; SMO A refuses the same person now (a repeat only across insurers).
  await register(world.tokens.expertB, { ...q4, person: person(sharedEnp) });
  await register(world.tokens.expertA, { ...q4, person: person(repeatedEnp), mainDiagnosis: 'E11.5' });
  await register(world.tokens.expertA, { ...q1, person: person(repeatedEnp), missingExaminations: [{ nmuCode: 'A05.10.006', namedByBureau: true }] });
  await register(world.tokens.expertA, { ...q1, person: person(sharedEnp), moId: moB.id, mainDiagnosis: 'J44.1' });
  await register(world.tokens.expertA, { ...q1, moId: moB.id, mainDiagnosis: 'I10', missingExaminations: [{ nmuCode: 'A05.10.006', namedByBureau: true }] });
  // Another SMO's cases in the same quarter, MO and diagnosis: never in SMO A's lists.
  await register(world.tokens.expertB, { ...q1, moId: moA.id, missingExaminations: [{ nmuCode: 'A05.10.006', namedByBureau: true }] });
  await register(world.tokens.expertB, { ...q1, moId: moA.id });
});
afterAll(async () => {
  await server?.stop();
});

type Refusals = QuarterlyReportQuery['quarterlyReport']['refusals'];
type Filter = Omit<RefusalCaseFilter, 'quarter'>;

/** The figures of the refusals section with the filter the web client puts in their links. */
type Quarter = { year: number; quarter: number };

function figuresOf(refusals: Refusals, smoId: string | undefined, quarter: Quarter, previousQuarter: Quarter) {
  const rows = (what: string, list: Refusals['byMo'], filter: (key: string) => Filter, withPrevious: boolean) =>
    list
      .filter((r) => r.key !== '—')
      .flatMap((r) => [
        { what: `${what} ${r.label}`, count: r.count, filter: filter(r.key), quarter },
        ...(withPrevious ? [{ what: `${what} ${r.label} (прошлый)`, count: r.previousCount ?? 0, filter: filter(r.key), quarter: previousQuarter }] : []),
      ]);
  return [
    { what: 'всего', count: refusals.total, filter: {}, quarter },
    { what: 'прошлый квартал', count: refusals.previousTotal, filter: {}, quarter: previousQuarter },
    { what: 'повторные', count: refusals.repeatRefusals, filter: { repeatRefusal: true }, quarter },
    ...rows('МО', refusals.byMo, (moId) => ({ moId }), true),
    ...rows('бюро', refusals.byBureau, (bureauId) => ({ bureauId }), true),
    ...rows('класс', refusals.byIcdChapter, (icdGroup) => ({ icdGroup }), true),
    ...rows('блок', refusals.byIcdBlock, (icdGroup) => ({ icdGroup }), true),
    ...rows('обследование', refusals.topMissingExaminations, (missingExamination) => ({ missingExamination }), false),
  ].map((f) => ({ ...f, filter: { smoId, ...f.filter } }));
}

/** The case list a figure's link opens. */
async function listBehind(filter: Filter, quarter: Quarter, token: string) {
  const { refusalCases } = await server.ok(RefusalCasesDocument, { first: 100, filter: { ...filter, quarter } }, token);
  return refusalCases;
}

const Q1_2024 = { year: 2024, quarter: 1 };
const Q4_2023 = { year: 2023, quarter: 4 };

async function expectFiguresOpenTheirCases(token: string, smoId: string | null) {
  const { quarterlyReport } = await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 1, smoId }, token);
  const coverage = quarterlyReport.reviews.coverageByMo.map((m) => ({
    what: `разборы: случаев ${m.label}`,
    count: m.cases,
    filter: { smoId: smoId ?? undefined, moId: m.key },
    quarter: Q1_2024,
  }));
  const x = quarterlyReport.examinations!;
  const gaps = [
    ...x.byMo.map((g) => ({ what: `перечень: МО ${g.label}`, count: g.cases, filter: { moId: g.key } })),
    ...x.byBureau.map((g) => ({ what: `перечень: бюро ${g.label}`, count: g.cases, filter: { bureauId: g.key } })),
    ...x.byIcdClass.filter((g) => g.key !== '—').map((g) => ({ what: `перечень: класс ${g.key}`, count: g.cases, filter: { icdGroup: g.key } })),
  ].map((f) => ({ ...f, filter: { smoId: smoId ?? undefined, ...f.filter }, quarter: Q1_2024 }));
  expect(gaps.length).toBeGreaterThan(0);
  const figures = [...figuresOf(quarterlyReport.refusals, smoId ?? undefined, Q1_2024, Q4_2023), ...coverage, ...gaps];
  const counted = await Promise.all(figures.map(async (f) => ({ what: f.what, count: (await listBehind(f.filter, f.quarter, token)).totalCount })));
  expect(counted).toEqual(figures.map((f) => ({ what: f.what, count: f.count })));
  return quarterlyReport.refusals;
}

describe('figures of the quarterly report open their cases', () => {
  it("an SMO's report: every figure is the count of the list its link opens", async () => {
    const refusals = await expectFiguresOpenTheirCases(world.tokens.expertA, world.organisations.smoA.id);
    // The figures are not all zero: the comparison above would prove nothing.
    expect([refusals.total, refusals.previousTotal, refusals.repeatRefusals]).toEqual([3, 1, 1]);
    expect(refusals.byIcdBlock.map((r) => [r.key, r.count, r.previousCount])).toEqual([
      ['I10-I15', 1, 0],
      ['I60-I69', 1, 0],
      ['J40-J47', 1, 0],
      ['E10-E14', 0, 1],
    ]);
    expect(refusals.topMissingExaminations.map((r) => [r.key, r.count])).toEqual([['A05.10.006', 2]]);
  });

  it("the fund's report over all SMOs counts a person another insurer refused before as a repeat, and so does its list", async () => {
    const refusals = await expectFiguresOpenTheirCases(world.tokens.monitoring, null);
    expect([refusals.total, refusals.previousTotal, refusals.repeatRefusals]).toEqual([5, 2, 2]);
  });

  it("the MO's report and lists hold only its own cases", async () => {
    const refusals = await expectFiguresOpenTheirCases(world.tokens.moA, null);
    expect(refusals.total).toBe(3);
  });

  it("another SMO's expert following the same links finds none of SMO A's cases", async () => {
    const smoA = world.organisations.smoA.id;
    for (const filter of [{ smoId: smoA }, { smoId: smoA, icdGroup: 'IX' }, { smoId: smoA, missingExamination: 'A05.10.006' }, { repeatRefusal: true }]) {
      const list = await listBehind(filter, Q1_2024, world.tokens.expertB);
      expect(list.edges.every((e) => e.node.smo.id === world.organisations.smoB.id)).toBe(true);
      expect(list.edges.some((e) => e.node.smo.id === smoA)).toBe(false);
    }
    expect((await listBehind({ icdGroup: 'IX' }, Q1_2024, world.tokens.expertB)).totalCount).toBe(2);
  });

  it('a group or code that does not exist finds nothing rather than failing', async () => {
    for (const filter of [{ icdGroup: 'XXX' }, { icdGroup: "IX' or 1=1 --" }, { missingExamination: 'не код' }, { missingExamination: '"}]' }]) {
      expect((await listBehind(filter, Q1_2024, world.tokens.monitoring)).totalCount).toBe(0);
    }
  });
});

describe("figures of the report's expertise section open their cases", () => {
  const concluded: Array<{ caseId: string; findingId: string; code: string; smo: 'A' | 'B' }> = [];

  beforeAll(async () => {
    await createNorms2024(server);
    const { moA, moB } = world.organisations;
    // Signed on 20.03.2024: concluded in the first quarter.
    vi.stubEnv('RAZBOR_TODAY', '2024-03-20');
    const conclude = async (token: string, smo: 'A' | 'B', moId: string, code: string) => {
      const { registerRefusalCase } = await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties, { moId }) }, token);
      const caseId = registerRefusalCase.result!.id;
      const expertise = await openExpertise(server, token, { caseId, type: 'EKMP', kind: 'TARGETED', startDate: '2024-03-01' });
      const finding = await addFinding(server, token, { expertiseId: expertise.id, code, description: 'x', episode: newEpisode('1000.00') });
      expect(finding.errors).toEqual([]);
      await discuss(server, token, expertise.id, '2024-03-15');
      expect((await signExpertise(server, token, expertise.id)).errors).toEqual([]);
      concluded.push({ caseId, findingId: finding.result!.id, code, smo });
    };
    await conclude(world.tokens.expertA, 'A', moA.id, '3.2.1');
    await conclude(world.tokens.expertA, 'A', moB.id, '3.2.2');
    await conclude(world.tokens.expertB, 'B', moA.id, '3.2.1');
  });
  afterAll(() => vi.unstubAllEnvs());

  async function expectExpertiseFiguresOpenTheirCases(token: string, smoId: string | null) {
    const { quarterlyReport } = await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 1, smoId }, token);
    const e = quarterlyReport.expertise;
    const figure = (what: string, count: number, reportFigure: ReportFigure, key: string | null = null) => ({
      what,
      count,
      reportFigure: { figure: reportFigure, key },
    });
    const figures = [
      figure('МЭЭ', e.meeCount, 'MEE'),
      figure('ЭКМП', e.ekmpCount, 'EKMP'),
      figure('подано', e.appeals.filed, 'APPEALS_FILED'),
      figure('на рассмотрении', e.appeals.pending, 'APPEALS_PENDING'),
      figure('оставлено', e.appeals.upheld, 'APPEALS_UPHELD'),
      figure('отменено', e.appeals.overturned, 'APPEALS_OVERTURNED'),
      figure('частично', e.appeals.partly, 'APPEALS_PARTLY'),
      ...e.findingsByCode.map((r) => figure(`код ${r.key}`, r.count, 'FINDING_CODE', r.key)),
      // One finding per case here: the findings an MO has equal its cases.
      ...e.amountsByMo.map((m) => figure(`МО ${m.label}`, m.findings, 'MO_FINDINGS', m.key)),
    ];
    const counted = await Promise.all(
      figures.map(async (f) => ({
        what: f.what,
        count: (await listBehind({ smoId: smoId ?? undefined, reportFigure: f.reportFigure }, Q1_2024, token)).totalCount,
      })),
    );
    expect(counted).toEqual(figures.map((f) => ({ what: f.what, count: f.count })));
    return e;
  }

  it("an SMO's figures open its own concluded cases; the fund's over all SMOs open all of them", async () => {
    const forA = await expectExpertiseFiguresOpenTheirCases(world.tokens.expertA, world.organisations.smoA.id);
    expect([forA.ekmpCount, forA.findingsByCode.map((r) => [r.key, r.count])]).toEqual([
      2,
      [
        ['3.2.1', 1],
        ['3.2.2', 1],
      ],
    ]);
    const forFund = await expectExpertiseFiguresOpenTheirCases(world.tokens.monitoring, null);
    expect(forFund.ekmpCount).toBe(3);
    const list = await listBehind({ reportFigure: { figure: 'FINDING_CODE', key: '3.2.1' } }, Q1_2024, world.tokens.monitoring);
    expect(list.edges.map((e) => e.node.id).sort()).toEqual(
      concluded
        .filter((c) => c.code === '3.2.1')
        .map((c) => c.caseId)
        .sort(),
    );
  });

  it('the causes the commissions named open the cases whose review names them', async () => {
    for (const c of [concluded[0], concluded[2]]) {
      const review = await recordReview(server, world.tokens.moA, c.caseId, {
        protocolDate: '2024-03-19',
        findingOpinions: [{ findingId: c.findingId, agrees: true }],
      });
      expect(review.errors).toEqual([]);
    }
    const { quarterlyReport } = await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 1 }, world.tokens.monitoring);
    const causes = quarterlyReport.reviews.rootCauses;
    expect(causes.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(2);
    for (const cause of causes) {
      const list = await listBehind({ reportFigure: { figure: 'ROOT_CAUSE', key: cause.key } }, Q1_2024, world.tokens.monitoring);
      expect([cause.label, list.totalCount]).toEqual([cause.label, cause.count]);
    }
    // SMO A sees the cause in its own case only.
    const forA = await listBehind({ reportFigure: { figure: 'ROOT_CAUSE', key: causes[0].key } }, Q1_2024, world.tokens.expertA);
    expect(forA.edges.map((e) => e.node.id)).toEqual([concluded[0].caseId]);
  });

  it("another SMO's expert asking for the first SMO's figure finds none of its cases; a figure without a quarter is refused at the quarter", async () => {
    const list = await listBehind({ smoId: world.organisations.smoA.id, reportFigure: { figure: 'EKMP' } }, Q1_2024, world.tokens.expertB);
    expect(list.totalCount).toBe(0);
    const own = await listBehind({ reportFigure: { figure: 'EKMP' } }, Q1_2024, world.tokens.expertB);
    expect(own.edges.map((e) => e.node.id)).toEqual(concluded.filter((c) => c.smo === 'B').map((c) => c.caseId));
    const refused = await server.gql(RefusalCasesDocument, { first: 5, filter: { reportFigure: { figure: 'EKMP' } } }, world.tokens.expertA);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('укажите квартал'), extensions: { field: 'quarter' } });
  });
});

describe("figures of the 402н/631н list, the check's repeats, free text and the referral's path open their cases", () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await loadExampleList(server);
    // The check is available from the day the first list was loaded: here, before these cases were referred.
    await server.sql(`update register_version set imported_at = '2023-12-01' where oid = '1.2.643.5.1.13.13.99.2.857'`);
    vi.stubEnv('RAZBOR_TODAY', '2024-04-10');
    const { moA, moB } = world.organisations;
    const register = async (name: string, token: string, overrides: Parameters<typeof caseInput>[1]) => {
      const { registerRefusalCase } = await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties, overrides) }, token);
      expect(registerRefusalCase.errors).toEqual([]);
      ids[name] = registerRefusalCase.result!.id;
    };
    // The ECG was missing at MO A in February already (the first describe's case): a repeat after the check.
    await register('returned', world.tokens.expertA, {
      referralDate: '2024-03-01',
      refusalDate: '2024-03-20',
      missingExaminations: [
        { nmuCode: 'A05.10.006', namedByBureau: true },
        { name: 'Справка с места работы', namedByBureau: false },
      ],
    });
    await register('refused', world.tokens.expertA, {
      moId: moB.id,
      referralDate: '2024-02-01',
      refusalDate: '2024-02-20',
      mainDiagnosis: 'E11.5',
      missingExaminations: [{ nmuCode: 'A09.05.083', namedByBureau: true }],
    });
    // Refused in the fourth quarter, its МЭЭ concluded in the first: the МЭЭ figure of the first quarter counts it.
    await register('concludedLater', world.tokens.expertA, { moId: moA.id, referralDate: '2023-10-02', refusalDate: '2023-11-01' });
    const referral = (caseId: string, patch: Partial<RecordReferralInput>): RecordReferralInput => ({
      caseId,
      vkProtocolNumber: '12',
      vkProtocolDate: '2024-01-25',
      purpose: 'DISABILITY_GROUP',
      examinationKind: 'PRIMARY',
      sentOn: '2024-02-01',
      answers: [],
      ...patch,
    });
    const returned = referral(ids.returned, {
      sentOn: '2024-03-01',
      answers: [{ kind: 'RETURNED', answeredOn: '2024-03-20', reason: 'Нет ЭКГ', resubmittedOn: '2024-03-22' }],
      examinedOn: '2024-04-01',
      outcome: 'GROUP_II',
    });
    const refused = referral(ids.refused, { answers: [{ kind: 'REFUSED', answeredOn: '2024-02-20', reason: 'Нет гликированного гемоглобина' }] });
    expect((await server.ok(RecordReferralDocument, { input: returned }, world.tokens.moA)).recordReferral.errors).toEqual([]);
    expect((await server.ok(RecordReferralDocument, { input: refused }, world.tokens.moB)).recordReferral.errors).toEqual([]);
    const mee = await openExpertise(server, world.tokens.expertA, { caseId: ids.concludedLater, type: 'MEE', kind: 'PLANNED', startDate: '2024-03-01' });
    const finding = await addFinding(server, world.tokens.expertA, { expertiseId: mee.id, code: '2.16.3', description: 'x', episode: newEpisode('5000.00') });
    expect(finding.errors).toEqual([]);
    await discuss(server, world.tokens.expertA, mee.id, '2024-03-15');
    vi.stubEnv('RAZBOR_TODAY', '2024-03-25');
    expect((await signExpertise(server, world.tokens.expertA, mee.id)).errors).toEqual([]);
  });
  afterAll(() => vi.unstubAllEnvs());

  const opened =
    (token: string, smoId: string | null) =>
    async (figure: ReportFigure, group: Filter = {}, key: string | null = null) =>
      listBehind({ smoId: smoId ?? undefined, ...group, reportFigure: { figure, key } }, Q1_2024, token);
  const idsOf = (list: Awaited<ReturnType<typeof listBehind>>) => list.edges.map((e) => e.node.id).sort();

  /** Each figure beside the count of the list its link opens (figures that count cases). */
  async function expectCaseFiguresOpenTheirCases(token: string, smoId: string | null) {
    const { quarterlyReport: r } = await server.ok(QuarterlyReportDocument, { year: 2024, quarter: 1, smoId }, token);
    const open = opened(token, smoId);
    const x = r.examinations!;
    const groups = [
      ...x.byMo.map((g) => ({ g, group: { moId: g.key } })),
      ...x.byBureau.map((g) => ({ g, group: { bureauId: g.key } })),
      ...x.byIcdClass.filter((g) => g.key !== '—').map((g) => ({ g, group: { icdGroup: g.key } })),
    ];
    const referralRows = [...r.referrals!.byMo.map((m) => ({ m, group: { moId: m.key } })), { m: r.referrals!.total, group: {} }];
    // Each case here misses at most one coded examination: the check's figures (examinations) equal their cases.
    const figures: Array<{ what: string; count: number; figure: ReportFigure; group: Filter }> = [
      ...groups.flatMap(({ g, group }) => [
        { what: `в перечне ${g.label}`, count: g.casesInList, figure: 'LIST_REQUIRES' as const, group },
        { what: `не названо ${g.label}`, count: g.casesRequiredButNotNamed ?? -1, figure: 'LIST_REQUIRED_NOT_NAMED' as const, group },
        { what: `сверх перечня ${g.label}`, count: g.casesNamedBeyondList, figure: 'LIST_NAMED_BEYOND' as const, group },
      ]),
      ...x.repeatsAfterCheck.flatMap((m) => [
        { what: `после проверки ${m.label}`, count: m.missingAfterCheck, figure: 'CHECK_MISSING' as const, group: { moId: m.key } },
        { what: `повторно ${m.label}`, count: m.repeatedAfterCheck, figure: 'CHECK_REPEATED' as const, group: { moId: m.key } },
      ]),
      ...referralRows.flatMap(({ m, group }) => [
        { what: `сведений ${m.label}`, count: m.recorded, figure: 'REFERRALS_RECORDED' as const, group },
        { what: `освидетельствовано ${m.label}`, count: m.accepted, figure: 'REFERRALS_ACCEPTED' as const, group },
        { what: `с ответом ${m.label}`, count: m.answered, figure: 'REFERRALS_ANSWERED' as const, group },
        { what: `снова в 30 дней ${m.label}`, count: m.resubmittedWithin30, figure: 'REFERRALS_RESUBMITTED' as const, group },
      ]),
      { what: 'МЭЭ', count: r.expertise.meeCount, figure: 'MEE', group: {} },
    ];
    const counted = await Promise.all(figures.map(async (f) => ({ what: f.what, count: (await open(f.figure, f.group)).totalCount })));
    expect(counted).toEqual(figures.map((f) => ({ what: f.what, count: f.count })));
    return r;
  }

  it("an SMO's and the fund's figures of the list, the check, the referral's path and a МЭЭ concluded after the quarter of its refusal", async () => {
    const forA = await expectCaseFiguresOpenTheirCases(world.tokens.expertA, world.organisations.smoA.id);
    const x = forA.examinations!;
    // Not all zero: the comparison proves something.
    const sum = (f: (g: (typeof x.byMo)[number]) => number) => x.byMo.reduce((n, g) => n + f(g), 0);
    expect([sum((g) => g.casesInList), sum((g) => g.casesRequiredButNotNamed ?? 0), sum((g) => g.casesNamedBeyondList)].every((n) => n > 0)).toBe(true);
    expect(x.repeatsAfterCheck.find((m) => m.key === world.organisations.moA.id)).toMatchObject({ missingAfterCheck: 2, repeatedAfterCheck: 1 });
    expect(forA.referrals!.total).toMatchObject({ recorded: 2, accepted: 1, answered: 2, resubmittedWithin30: 1 });
    const open = opened(world.tokens.expertA, world.organisations.smoA.id);
    expect(idsOf(await open('REFERRALS_DAYS_LOST'))).toEqual([ids.returned]);
    expect(idsOf(await open('CHECK_REPEATED'))).toEqual([ids.returned]);
    expect(idsOf(await open('MEE'))).toEqual([ids.concludedLater]);
    await expectCaseFiguresOpenTheirCases(world.tokens.monitoring, null);
    await expectCaseFiguresOpenTheirCases(world.tokens.moB, null);
  });

  it('the free text and the coded examinations: the lists of each examination together are the list of all of them', async () => {
    const { quarterlyReport: r } = await server.ok(
      QuarterlyReportDocument,
      { year: 2024, quarter: 1, smoId: world.organisations.smoA.id },
      world.tokens.expertA,
    );
    const open = opened(world.tokens.expertA, world.organisations.smoA.id);
    const union = async (lists: Array<Promise<Awaited<ReturnType<typeof listBehind>>>>) => [...new Set((await Promise.all(lists)).flatMap(idsOf))].sort();
    expect(r.refusals.otherMissingExaminations.length).toBeGreaterThan(1);
    const texts = await union(r.refusals.otherMissingExaminations.map((row) => open('OTHER_EXAMINATION', {}, row.key)));
    expect(idsOf(await open('EXAMINATIONS_TEXT'))).toEqual(texts);
    expect(texts).toContain(ids.returned);
    const coded = await union(
      r.refusals.topMissingExaminations.map((row) =>
        listBehind({ smoId: world.organisations.smoA.id, missingExamination: row.key }, Q1_2024, world.tokens.expertA),
      ),
    );
    expect(idsOf(await open('EXAMINATIONS_CODED'))).toEqual(coded);
    expect(coded).toEqual(expect.arrayContaining([ids.returned, ids.refused]));
    // A text row's list is the cases naming that text (folded), e.g. «справка с места работы».
    const certificate = r.refusals.otherMissingExaminations.find((row) => row.label === 'Справка с места работы')!;
    expect(idsOf(await open('OTHER_EXAMINATION', {}, certificate.key))).toEqual([ids.returned]);
  });

  it("another SMO's expert following SMO A's links finds none of its cases", async () => {
    const open = opened(world.tokens.expertB, world.organisations.smoA.id);
    for (const figure of ['LIST_REQUIRES', 'CHECK_MISSING', 'REFERRALS_RECORDED', 'EXAMINATIONS_TEXT', 'MEE'] as const) {
      expect([figure, (await open(figure)).totalCount]).toEqual([figure, 0]);
    }
    expect((await opened(world.tokens.moB, null)('REFERRALS_DAYS_LOST')).totalCount).toBe(0);
  });
});
