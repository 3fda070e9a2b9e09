import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  QuarterlyReportDocument,
  RefusalCasesDocument,
  RegisterRefusalCaseDocument,
  type QuarterlyReportQuery,
  type RefusalCaseFilter,
  type ReportFigure,
} from '../../client/generated/graphql.js';
import { addFinding, createNorms2024, discuss, newEpisode, openExpertise, signExpertise } from '../helpers/expertise.js';
import { caseInput, recordReview, twoSidedWorld, validEnp } from '../helpers/fixtures.js';
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
