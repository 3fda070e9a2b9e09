import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CheckReferralDocument,
  DiagnosesDocument,
  ReferenceDictionariesDocument,
  RequiredExaminationsDocument,
  RefusalCaseDocument,
  RegisterRefusalCaseDocument,
  UpdateRefusalCaseDocument,
} from '../../client/generated/graphql.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { writeFingerprint } from '../helpers/fingerprint.js';
import { loadExampleList } from '../helpers/reference.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * МКБ-10 and НМУ come from the federal register (ФНСИ) in its own format, loaded at the first start;
 * a case's diagnoses are codes the МКБ-10 in force has and has not retired.
 */
const run = promisify(execFile);
const ICD10 = '1.2.643.5.1.13.13.11.1005';
const NMU = '1.2.643.5.1.13.13.11.1070';
let server: TestServer;
let world: Awaited<ReturnType<typeof twoSidedWorld>>;

beforeAll(async () => {
  server = await startTestServer();
  world = await twoSidedWorld(server);
});
afterAll(() => server?.stop());

const register = (overrides: Partial<ReturnType<typeof caseInput>>) =>
  server.ok(RegisterRefusalCaseDocument, { input: { ...caseInput(world.parties), ...overrides } }, world.tokens.expertA);

describe('dictionaries of the register', () => {
  it('МКБ-10 2.24 and НМУ 2.10 are loaded at the first start, with their OID, publication date and row count', async () => {
    const { referenceDictionaries } = await server.ok(ReferenceDictionariesDocument, {}, world.tokens.moA);
    expect(referenceDictionaries.map((d) => [d.shortName, d.oid, d.version, d.publishedOn, d.rowCount])).toEqual([
      ['МКБ-10', ICD10, '2.24', '2023-11-03', 15038],
      ['Номенклатура медицинских услуг', '1.2.643.5.1.13.13.11.1070', '2.10', '2021-04-06', 10981],
    ]);
  });
});

describe('searching МКБ-10', () => {
  it('finds current codes by their beginning or by words of the name, never retired ones', async () => {
    const search = async (text: string, first = 20) => (await server.ok(DiagnosesDocument, { search: text, first }, world.tokens.moA)).diagnoses;
    const byCode = await search('i63', 50);
    expect(byCode.every((d) => d.code.startsWith('I63'))).toBe(true);
    expect(byCode).toContainEqual({ code: 'I63.5', name: 'Инфаркт мозга, вызванный неуточненной закупоркой или стенозом мозговых артерий' });
    expect((await search('инфаркт мозга')).map((d) => d.code)).toContain('I63.5');
    // Whatever the case typed.
    expect((await search('ИНФАРКТ МОЗГА')).map((d) => d.code)).toContain('I63.5');
    expect((await search('закупоркой или стенозом')).map((d) => d.code)).toContain('I63.5');
    expect(await search('I84')).toEqual([]);
    expect(await search('%')).toEqual([]);
    expect(await search('I', 500)).toHaveLength(50);
  });
});

describe('a case’s diagnoses are checked against МКБ-10', () => {
  it.each([
    ['a code МКБ-10 does not have', { mainDiagnosis: 'M54.16' }, 'mainDiagnosis', 'Кода M54.16 нет в МКБ-10'],
    ['a retired code', { mainDiagnosis: 'I84' }, 'mainDiagnosis', 'Код I84 упразднён в МКБ-10 с 07.10.2020'],
    ['a retired secondary diagnosis', { secondaryDiagnoses: ['E11', 'I84.0'] }, 'secondaryDiagnoses.1', 'Код I84.0 упразднён в МКБ-10 с 07.10.2020'],
  ] as const)('refuses %s at its field, in Russian, and writes nothing', async (_what, overrides, field, message) => {
    const before = await writeFingerprint(server);
    const { registerRefusalCase } = await register(overrides as never);
    expect(registerRefusalCase.result).toBeNull();
    expect(registerRefusalCase.errors).toEqual([{ field, code: 'INVALID', message }]);
    expect(await writeFingerprint(server)).toBe(before);
  });

  it('takes I63.5 and names it beside the code; an edit to a retired code is refused', async () => {
    const { registerRefusalCase } = await register({ mainDiagnosis: 'I63.5' });
    expect(registerRefusalCase.errors).toEqual([]);
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: registerRefusalCase.result!.id }, world.tokens.moA);
    expect(refusalCase).toMatchObject({
      mainDiagnosis: 'I63.5',
      mainDiagnosisName: 'Инфаркт мозга, вызванный неуточненной закупоркой или стенозом мозговых артерий',
    });
    const { updateRefusalCase } = await server.ok(
      UpdateRefusalCaseDocument,
      { input: { id: refusalCase!.id, version: refusalCase!.version, mainDiagnosis: 'I84' } },
      world.tokens.expertA,
    );
    expect(updateRefusalCase.errors).toEqual([expect.objectContaining({ field: 'mainDiagnosis', message: 'Код I84 упразднён в МКБ-10 с 07.10.2020' })]);
  });
});

describe("the examinations the 402н/631н list requires (a fixture in the register's format, not the order)", () => {
  const adult = { mainDiagnosis: 'I63.5', birthDate: '1960-03-14', onDate: '2024-05-01' };

  it('says the list is not loaded rather than that nothing is required', async () => {
    const answer = await server.gql(RequiredExaminationsDocument, adult, world.tokens.moA);
    expect(answer.errors?.[0].message).toContain('не загружен');
  });

  it("lists main examinations first for an adult, by the person's section and the diagnosis range, named by НМУ; checkReferral returns exactly what is missing", async () => {
    await loadExampleList(server);

    const { requiredExaminations } = await server.ok(RequiredExaminationsDocument, adult, world.tokens.moA);
    expect(requiredExaminations.map((e) => [e.nmuCode, e.basic])).toEqual([
      ['A05.10.006', true],
      ['A05.23.009', true],
      ['B01.023.001', true],
      ['B03.016.003', true],
      ['A04.12.005.003', false],
    ]);
    expect(requiredExaminations[1]).toMatchObject({ name: 'Магнитно-резонансная томография головного мозга', type: 'инструментальное' });

    const child = await server.ok(
      RequiredExaminationsDocument,
      { mainDiagnosis: 'E11.5', birthDate: '2010-06-01', onDate: '2024-05-01' },
      world.tokens.expertA,
    );
    expect(child.requiredExaminations.map((e) => e.nmuCode)).toEqual(['A09.05.023', 'B01.058.001']);
    const outside = await server.ok(RequiredExaminationsDocument, { ...adult, mainDiagnosis: 'J44.1' }, world.tokens.moA);
    expect(outside.requiredExaminations).toEqual([]);

    const { checkReferral } = await server.ok(CheckReferralDocument, { input: { ...adult, doneNmuCodes: ['A05.23.009', ' b03.016.003 '] } }, world.tokens.moA);
    expect(checkReferral.missing.map((e) => e.nmuCode)).toEqual(['A05.10.006', 'B01.023.001', 'A04.12.005.003']);
  });

  it('refuses a malformed diagnosis and a birth after the referral at their fields', async () => {
    const bad = await server.gql(CheckReferralDocument, { input: { ...adult, mainDiagnosis: 'I6', doneNmuCodes: [] } }, world.tokens.moA);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { field: 'mainDiagnosis' } });
    const born = await server.gql(CheckReferralDocument, { input: { ...adult, birthDate: '2025-01-01', doneNmuCodes: [] } }, world.tokens.moA);
    expect(born.errors?.[0]).toMatchObject({ message: expect.stringContaining('Дата рождения позже'), extensions: { field: 'birthDate' } });
  });
});

describe('npm run import-fnsi', () => {
  it('loads a newer version beside the old one (which then stops being in force), and the same version twice changes nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'razbor-fnsi-'));
    const shipped = path.join(process.cwd(), 'data/fnsi', `${ICD10}_2.24`);
    const env = { ...process.env, DATABASE_URL: server.razbor.databaseUrl, LOG_LEVEL: 'error' };
    const cli = (...files: string[]) => run('node', ['dist/server/cli/import-fnsi.js', ...files], { env });

    const again = await cli(`${shipped}_passport.json`, `${shipped}.json.gz`);
    expect(again.stdout).toContain('версии 2.24 уже загружен: ничего не изменено');

    // A version 2.25 in which I63.5 is retired: a fixture in the register's format, not the register's data.
    const passport = JSON.parse(await readFile(`${shipped}_passport.json`, 'utf8'));
    const rows = JSON.parse(gunzipSync(await readFile(`${shipped}.json.gz`)).toString('utf8'));
    for (const row of rows.list as Array<Array<{ column: string; value: string | null }>>) {
      if (row.some((c) => c.column === 'MKB_CODE' && c.value === 'I63.5')) row.find((c) => c.column === 'ACTUAL')!.value = '0';
    }
    await writeFile(path.join(dir, 'passport.json'), JSON.stringify({ ...passport, version: '2.25', publishDate: '01.06.2024 10:00' }));
    await writeFile(path.join(dir, 'rows.json.gz'), gzipSync(JSON.stringify(rows)));
    const loaded = await cli(path.join(dir, 'passport.json'), path.join(dir, 'rows.json.gz'));
    expect(loaded.stdout).toContain('версия 2.25: 15038 записей');

    const { referenceDictionaries } = await server.ok(ReferenceDictionariesDocument, {}, world.tokens.moA);
    expect(referenceDictionaries.filter((d) => d.oid === ICD10).map((d) => d.version)).toEqual(['2.25', '2.24']);
    const { registerRefusalCase } = await register({ mainDiagnosis: 'I63.5' });
    expect(registerRefusalCase.errors).toEqual([expect.objectContaining({ field: 'mainDiagnosis', message: 'Код I63.5 упразднён в МКБ-10' })]);

    const broken = await cli(path.join(dir, 'passport.json'), `${shipped}_passport.json`).catch((error: { stderr: string; code: number }) => error);
    expect(broken).toMatchObject({ code: 1, stderr: expect.stringContaining('Файл не загружен: Это не записи справочника ФНСИ') });
  });

  it('two loads of one new version at once: one loads it, the other is told it is there; one version, every row once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'razbor-fnsi-race-'));
    const shipped = path.join(process.cwd(), 'data/fnsi', `${NMU}_2.10`);
    const passport = JSON.parse(await readFile(`${shipped}_passport.json`, 'utf8'));
    await writeFile(path.join(dir, 'passport.json'), JSON.stringify({ ...passport, version: '2.11', publishDate: '01.06.2024 10:00' }));
    const env = { ...process.env, DATABASE_URL: server.razbor.databaseUrl, LOG_LEVEL: 'error' };
    const load = () => run('node', ['dist/server/cli/import-fnsi.js', path.join(dir, 'passport.json'), `${shipped}.json.gz`], { env });
    const answers = (await Promise.all([load(), load()])).map((answer) => answer.stdout).sort();
    expect(answers).toEqual([
      expect.stringContaining('Загружен справочник «Номенклатура медицинских услуг» (1.2.643.5.1.13.13.11.1070), версия 2.11: 10981 записей'),
      expect.stringContaining('версии 2.11 уже загружен: ничего не изменено'),
    ]);
    const rows = await server.sql<{ row_count: number; entries: string }>(
      `select v.row_count, (select count(*) from register_entry e where e.version_id = v.id) as entries from register_version v where v.oid = $1 and v.version = '2.11'`,
      [NMU],
    );
    expect(rows.map((r) => [r.row_count, Number(r.entries)])).toEqual([[10981, 10981]]);
  });
});
