import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceDictionariesDocument, RefusalCaseDocument, RegisterRefusalCaseDocument, UpdateRefusalCaseDocument } from '../../client/generated/graphql.js';
import { caseInput, twoSidedWorld } from '../helpers/fixtures.js';
import { writeFingerprint } from '../helpers/fingerprint.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * МКБ-10 and НМУ come from the federal register (ФНСИ) in its own format, loaded at the first start;
 * a case's diagnoses are codes the МКБ-10 in force has and has not retired.
 */
const run = promisify(execFile);
const ICD10 = '1.2.643.5.1.13.13.11.1005';
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
});
