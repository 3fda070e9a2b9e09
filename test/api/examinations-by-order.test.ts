import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CaseExaminationsByOrderDocument,
  ImportRefusalCasesDocument,
  MapExaminationTextsDocument,
  MedicalServicesDocument,
  QuarterlyReportDocument,
  RefusalCaseDocument,
  RegisterRefusalCaseDocument,
  UncodedExaminationTextsDocument,
  UpdateRefusalCaseDocument,
  type MissingExaminationInput,
} from '../../client/generated/graphql.js';
import { buildCaseCsv } from '../../server/modules/cases/import/case-sheet.template.js';
import { caseInput, caseSheetRow, twoSidedWorld, validEnp } from '../helpers/fixtures.js';
import { loadExampleList } from '../helpers/reference.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Missing examinations are НМУ services (free text only as «другое»), and a case shows them beside
 * what the 402н/631н list requires: what the list requires but nobody named, and what was named
 * though the list does not require it. The list here is the test fixture, never the order itself.
 */
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
});
afterAll(async () => {
  await server?.stop();
  vi.unstubAllEnvs();
});

const register = (missingExaminations: MissingExaminationInput[], overrides: Partial<ReturnType<typeof caseInput>> = {}, token = world.tokens.expertA) =>
  server.ok(RegisterRefusalCaseDocument, { input: { ...caseInput(world.parties), missingExaminations, ...overrides } }, token);

const registered = async (missingExaminations: MissingExaminationInput[], overrides: Partial<ReturnType<typeof caseInput>> = {}) => {
  const { registerRefusalCase } = await register(missingExaminations, overrides);
  expect(registerRefusalCase.errors).toEqual([]);
  return registerRefusalCase.result!;
};

describe('coded missing examinations', () => {
  it('takes an НМУ code (typed in Cyrillic too) and names it as the НМУ does; free text stays as «другое»; before the list is loaded nothing is judged', async () => {
    const c = await registered([
      { nmuCode: 'A05.10.006', namedByBureau: true },
      { nmuCode: 'А05.23.009', name: 'МРТ', namedByBureau: false },
      { name: 'Справка с места работы', namedByBureau: false },
    ]);
    expect(c.missingExaminations).toEqual([
      { nmuCode: 'A05.10.006', name: 'Регистрация электрокардиограммы', namedByBureau: true, requiredByOrder: null },
      { nmuCode: 'A05.23.009', name: 'Магнитно-резонансная томография головного мозга', namedByBureau: false, requiredByOrder: null },
      { nmuCode: null, name: 'Справка с места работы', namedByBureau: false, requiredByOrder: null },
    ]);
    const { refusalCase } = await server.ok(CaseExaminationsByOrderDocument, { id: c.id }, world.tokens.moA);
    expect(refusalCase?.examinationsByOrder).toBeNull();
  });

  it('refuses an unknown code, a malformed one and an empty examination, each at its field', async () => {
    const unknown = await register([
      { nmuCode: 'A05.10.999', namedByBureau: false },
      { nmuCode: 'ЭКГ', namedByBureau: false },
      { name: '  ', namedByBureau: false },
    ]);
    expect(unknown.registerRefusalCase.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'missingExaminations.1.nmuCode', message: 'Код НМУ: например A05.10.006' }),
        expect.objectContaining({ field: 'missingExaminations.2.name', message: 'Укажите обследование: код НМУ или название' }),
      ]),
    );
    const onlyUnknown = await register([{ nmuCode: 'A05.10.999', namedByBureau: false }]);
    expect(onlyUnknown.registerRefusalCase.errors).toEqual([
      expect.objectContaining({ field: 'missingExaminations.0.nmuCode', message: 'Услуги A05.10.999 нет в номенклатуре медицинских услуг' }),
    ]);
  });

  it('finds services by the beginning of the code or by words', async () => {
    const byCode = await server.ok(MedicalServicesDocument, { search: 'a05.10.00', first: 5 }, world.tokens.moA);
    expect(byCode.medicalServices.map((s) => s.code)).toContain('A05.10.006');
    const byWords = await server.ok(MedicalServicesDocument, { search: 'электрокардиограммы', first: 50 }, world.tokens.expertA);
    expect(byWords.medicalServices.map((s) => s.code)).toContain('A05.10.006');
    expect((await server.ok(MedicalServicesDocument, { search: '%', first: 5 }, world.tokens.moA)).medicalServices).toEqual([]);
  });
});

describe('a case against the 402н/631н list (fixture)', () => {
  it('lists what the list requires for the diagnosis and age, what was named, required but not named, and named but not required', async () => {
    await loadExampleList(server);
    const c = await registered([
      { nmuCode: 'A05.10.006', namedByBureau: true },
      { nmuCode: 'A05.23.009', namedByBureau: false },
      { nmuCode: 'B01.047.001', namedByBureau: true },
      { name: 'Справка с места работы', namedByBureau: false },
    ]);
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: c.id }, world.tokens.moA);
    expect(refusalCase?.missingExaminations.map((m) => [m.nmuCode, m.requiredByOrder])).toEqual([
      ['A05.10.006', true],
      ['A05.23.009', true],
      ['B01.047.001', false],
      [null, null],
    ]);
    const byOrder = (await server.ok(CaseExaminationsByOrderDocument, { id: c.id }, world.tokens.moA)).refusalCase!.examinationsByOrder!;
    expect(byOrder.section).toBe('взрослые');
    expect(byOrder.required.map((r) => [r.nmuCode, r.basic, r.namedAsMissing, r.namedByBureau])).toEqual([
      ['A05.10.006', true, true, true],
      ['A05.23.009', true, true, false],
      ['B01.023.001', true, false, false],
      ['B03.016.003', true, false, false],
      ['A04.12.005.003', false, false, false],
    ]);
    expect(byOrder.requiredButNotNamed.map((r) => r.nmuCode)).toEqual(['B01.023.001', 'B03.016.003', 'A04.12.005.003']);
    expect(byOrder.namedButNotRequired.map((r) => r.nmuCode)).toEqual(['B01.047.001']);

    // A child of 12 at the referral is judged by section II.
    const child = await registered([{ nmuCode: 'A09.05.023', namedByBureau: true }], {
      mainDiagnosis: 'E11.5',
      person: { ...caseInput(world.parties).person, enp: validEnp(), birthDate: '2012-01-01' },
    });
    const childOrder = (await server.ok(CaseExaminationsByOrderDocument, { id: child.id }, world.tokens.expertA)).refusalCase!.examinationsByOrder!;
    expect(childOrder.section).toBe('дети');
    expect(childOrder.requiredButNotNamed.map((r) => r.nmuCode)).toEqual(['B01.058.001']);
    // Another MO's user does not see the case, its list included.
    expect((await server.ok(CaseExaminationsByOrderDocument, { id: c.id }, world.tokens.moB)).refusalCase).toBeNull();
  });

  it("the quarterly report counts the gaps per MO, bureau and class as by hand, and the MO's repeats after the check became available", async () => {
    vi.stubEnv('RAZBOR_TODAY', '2030-06-01');
    const { moA, moB } = world.organisations;
    // Before the quarter: moA's case lacked the ECG already.
    await registered([{ nmuCode: 'A05.10.006', namedByBureau: true }], { referralDate: '2029-10-01', refusalDate: '2029-11-01' });
    await registered(
      [
        { nmuCode: 'A05.10.006', namedByBureau: true },
        { nmuCode: 'A05.23.009', namedByBureau: false },
        { nmuCode: 'B01.047.001', namedByBureau: true },
        { name: 'Справка', namedByBureau: false },
      ],
      { referralDate: '2030-01-10', refusalDate: '2030-02-01' },
    );
    await registered([{ nmuCode: 'B01.058.001', namedByBureau: true }], {
      moId: moB.id,
      mainDiagnosis: 'E11.5',
      referralDate: '2030-01-12',
      refusalDate: '2030-02-05',
    });
    await registered([{ nmuCode: 'A05.10.006', namedByBureau: true }], { mainDiagnosis: 'J44.1', referralDate: '2030-01-15', refusalDate: '2030-02-10' });

    const { quarterlyReport } = await server.ok(QuarterlyReportDocument, { year: 2030, quarter: 1 }, world.tokens.expertA);
    const x = quarterlyReport.examinations!;
    expect(x).toMatchObject({ listLoaded: true, coded: 5, otherText: 1 });
    const gaps = (rows: typeof x.byMo) =>
      rows.map((r) => [r.label, r.cases, r.casesInList, r.requiredButNotNamed, r.namedButNotRequired, r.casesNamedBeyondList]);
    // moA: I63.5 (3 required not named: B01.023.001, B03.016.003, A04.12.005.003; B01.047.001 beyond) and J44.1 (outside the list: the ECG beyond)
    // moB: E11.5 (3 required not named: A09.05.083, B03.016.003, B01.029.001)
    expect(gaps(x.byMo)).toEqual(
      [
        [moA.shortName, 2, 1, 3, 2, 2],
        [moB.shortName, 1, 1, 3, 0, 0],
      ].sort((a, b) => Number(b[1]) - Number(a[1])),
    );
    expect(gaps(x.byBureau)).toEqual([[world.organisations.bureau.shortName, 3, 2, 6, 2, 2]]);
    expect(x.byIcdClass.map((r) => [r.key, r.cases, r.requiredButNotNamed, r.namedButNotRequired])).toEqual([
      ['IV', 1, 3, 0],
      ['IX', 1, 3, 1],
      ['X', 1, 0, 1],
    ]);
    // moA: four coded examinations missing in the quarter, every one lacked in its earlier cases too (the ECG
    // in 2029, the MRI and the therapist in the cases of the tests above); moB's one never before.
    const repeats = new Map(x.repeatsAfterCheck.map((r) => [r.label, [r.missingAfterCheck, r.repeatedAfterCheck, r.repeatedPercent]]));
    expect(repeats).toEqual(
      new Map([
        [moA.shortName, [4, 4, 100]],
        [moB.shortName, [1, 0, 0]],
      ]),
    );
    expect(quarterlyReport.refusals.topMissingExaminations.map((r) => [r.key, r.count])).toEqual([
      ['A05.10.006', 2],
      ['A05.23.009', 1],
      ['B01.047.001', 1],
      ['B01.058.001', 1],
    ]);
    expect(quarterlyReport.refusals.otherMissingExaminations.map((r) => [r.label, r.count])).toEqual([['Справка', 1]]);
    expect(quarterlyReport.refusals.byIcdBlock.map((r) => [r.key, r.count])).toEqual([
      ['E10-E14', 1],
      ['I60-I69', 1],
      ['J40-J47', 1],
    ]);
    expect(quarterlyReport.refusals.byIcdBlock[1].label).toBe('I60-I69 Цереброваскулярные болезни');
    vi.unstubAllEnvs();
  });
});

describe("an administrator's mapping of free texts to НМУ codes", () => {
  it('lists frequent texts whatever their case and spaces, codes every case that has them, moves their version and says so in their history', async () => {
    const first = await registered([{ name: 'ЭКГ в покое ', namedByBureau: true }]);
    const second = await registered([
      { name: 'экг  в покое', namedByBureau: false },
      { name: 'Рентген', namedByBureau: false },
    ]);
    const { uncodedExaminationTexts } = await server.ok(UncodedExaminationTextsDocument, { first: 500 }, world.tokens.monitoring);
    expect(uncodedExaminationTexts.find((t) => t.textKey === 'экг в покое')).toMatchObject({ occurrences: 2, cases: 2, mappedTo: null });

    const mapped = await server.ok(MapExaminationTextsDocument, { input: { mappings: [{ text: 'ЭКГ В ПОКОЕ', nmuCode: 'A05.10.006' }] } }, server.adminToken);
    expect(mapped.mapExaminationTexts).toEqual({ result: { casesUpdated: 2 }, errors: [] });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: second.id }, world.tokens.expertA);
    expect(refusalCase?.missingExaminations.map((m) => [m.nmuCode, m.name, m.namedByBureau])).toEqual([
      ['A05.10.006', 'Регистрация электрокардиограммы', false],
      [null, 'Рентген', false],
    ]);
    expect(refusalCase?.version).toBe(second.version + 1);
    expect(refusalCase?.history[0].summary).toBe('Недостающие обследования закодированы по НМУ: «экг  в покое» → A05.10.006');

    // An edit opened before the mapping is refused, not merged.
    const stale = await server.ok(UpdateRefusalCaseDocument, { input: { id: first.id, version: first.version, remarks: 'правка' } }, world.tokens.expertA);
    expect(stale.updateRefusalCase.errors[0]).toMatchObject({ code: 'STALE_VERSION' });
    const after = await server.ok(UncodedExaminationTextsDocument, { first: 500 }, server.adminToken);
    expect(after.uncodedExaminationTexts.find((t) => t.textKey === 'экг в покое')).toBeUndefined();

    // A spreadsheet brought in later records the mapped text, and a code written in the cell, under their codes.
    const csv = buildCaseCsv([
      caseSheetRow({
        moOgrn: world.organisations.moA.ogrn,
        bureauOgrn: world.organisations.bureau.ogrn,
        secondaryDiagnoses: '',
        missingExaminations: 'Экг в покое*; A05.23.009 МРТ; Справка',
      }),
    ]);
    const { importRefusalCases } = await server.ok(
      ImportRefusalCasesDocument,
      { input: { fileName: 'cases.csv', contentBase64: Buffer.from(csv).toString('base64') } },
      world.tokens.expertA,
    );
    expect(importRefusalCases.result?.rows[0].errors).toEqual([]);
    const imported = await server.ok(RefusalCaseDocument, { id: importRefusalCases.result!.rows[0].caseId! }, world.tokens.expertA);
    expect(imported.refusalCase?.missingExaminations.map((m) => [m.nmuCode, m.namedByBureau])).toEqual([
      ['A05.10.006', true],
      ['A05.23.009', false],
      [null, false],
    ]);
  });

  it('refuses an unknown code at its field and changes nothing; only an administrator maps, and the MO does not read all texts', async () => {
    const bad = await server.ok(MapExaminationTextsDocument, { input: { mappings: [{ text: 'Рентген', nmuCode: 'A06.09.999' }] } }, server.adminToken);
    expect(bad.mapExaminationTexts.errors).toEqual([expect.objectContaining({ field: 'mappings.0.nmuCode', code: 'NOT_FOUND' })]);
    const byExpert = await server.gql(MapExaminationTextsDocument, { input: { mappings: [{ text: 'Рентген', nmuCode: 'A05.10.006' }] } }, world.tokens.expertA);
    expect(byExpert.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byMo = await server.gql(UncodedExaminationTextsDocument, { first: 10 }, world.tokens.moA);
    expect(byMo.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { uncodedExaminationTexts } = await server.ok(UncodedExaminationTextsDocument, { first: 500 }, server.adminToken);
    expect(uncodedExaminationTexts.find((t) => t.textKey === 'рентген')?.mappedTo).toBeNull();
  });
});
