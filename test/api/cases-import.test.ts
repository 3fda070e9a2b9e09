import { readFileSync } from 'node:fs';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusalCasesDocument, RefusalCaseDocument, RefusalCasesDocument, RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { DEMO_OGRN } from '../../server/bootstrap/demo.js';
import { CASE_SHEET_COLUMNS } from '../../server/modules/cases/import/case-sheet.layout.js';
import { BATCH_ROWS, readCaseSheet } from '../../server/modules/cases/import/case-sheet.reader.js';
import { MAX_KEPT_ERRORS } from '../../server/modules/cases/import/case-row.parser.js';
import { IMPORT_LOCK } from '../../server/modules/cases/import/case-import.service.js';
import { buildCaseCsv, buildCaseSheet } from '../../server/modules/cases/import/case-sheet.template.js';
import { caseInput, caseSheetRow, createDemoOrganisations, createOrganisation, createUserAndLogin, invalidEnp, validEnp } from '../helpers/fixtures.js';
import { holdRows } from '../helpers/locks.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

let server: TestServer;
let expert: string;
let moUser: string;

beforeAll(async () => {
  // An import waits a second for another (ten in production): the test of that wait stays short.
  server = await startTestServer({ RAZBOR_IMPORT_WAIT_MS: '1000' });
  await createDemoOrganisations(server);
  const smo = await createOrganisation(server, 'SMO');
  expert = (await createUserAndLogin(server, 'SMO_EXPERT', smo.id)).token;
  const mo = (await server.sql<{ id: string }>('select id from organisation where ogrn = $1', [DEMO_OGRN.mo1]))[0];
  moUser = (await createUserAndLogin(server, 'MO_COMMISSION', mo.id)).token;
});
afterAll(() => server?.stop());

async function importFile(fileName: string, content: Buffer | string, token = expert) {
  const contentBase64 = Buffer.from(content).toString('base64');
  return (await server.ok(ImportRefusalCasesDocument, { input: { fileName, contentBase64 } }, token)).importRefusalCases;
}

const caseCount = async () => Number((await server.sql<{ n: string }>('select count(*) as n from refusal_case'))[0].n);

const row = caseSheetRow;

describe('the shipped template and examples', () => {
  it('the template has exactly the documented header and no rows', async () => {
    expect(await readCaseSheet('template.xlsx', fixture('refusal-cases-template.xlsx'))).toEqual([]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fixture('refusal-cases-template.xlsx') as unknown as ArrayBuffer);
    const header = workbook.worksheets[0].getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual(CASE_SHEET_COLUMNS.map((c) => c.header));
    expect(workbook.worksheets[1].name).toBe('Инструкция');
  });

  it('the example XLSX loads; the same cases as CSV are then reported as already present', async () => {
    const xlsx = await importFile('refusal-cases-example.xlsx', fixture('refusal-cases-example.xlsx'));
    expect(xlsx.errors).toEqual([]);
    expect(xlsx.result).toMatchObject({ totalRows: 3, created: 3, alreadyPresent: 0, invalid: 0 });
    const csv = await importFile('refusal-cases-example.csv', fixture('refusal-cases-example.csv'));
    expect(csv.result).toMatchObject({ totalRows: 3, created: 0, alreadyPresent: 3, invalid: 0 });
    expect(csv.result!.rows.map((r) => r.caseNumber)).toEqual(xlsx.result!.rows.map((r) => r.caseNumber));
  });
});

describe('round trip through the template', () => {
  it('a filled template comes back as the same cases, with history', async () => {
    const rows = [row({ surname: 'Первая' }), row({ surname: 'Вторая', patronymic: null, snils: null, secondaryDiagnoses: null })];
    const { result } = await importFile('round-trip.xlsx', await buildCaseSheet(rows));
    expect(result).toMatchObject({ created: 2, invalid: 0 });
    for (const [i, imported] of result!.rows.entries()) {
      expect(imported).toMatchObject({ row: i + 2, status: 'CREATED', errors: [] });
      const { refusalCase } = await server.ok(RefusalCaseDocument, { id: imported.caseId! }, expert);
      expect(refusalCase).toMatchObject({
        number: imported.caseNumber,
        state: 'REGISTERED',
        person: { enp: rows[i].enp, surname: rows[i].surname, birthDate: '1970-01-01', sex: 'FEMALE', patronymic: rows[i].patronymic ?? null },
        referralDate: '2024-01-10',
        refusalDate: '2024-01-25',
        mainDiagnosis: 'I63.5',
        secondaryDiagnoses: rows[i].secondaryDiagnoses ? ['E11'] : [],
        missingExaminations: [
          { name: 'ЭКГ', namedByBureau: true },
          { name: 'Консультация кардиолога', namedByBureau: false },
        ],
        remarks: 'из файла',
      });
      expect(refusalCase!.history[0]).toMatchObject({
        kind: 'IMPORTED',
        summary: `Случай ${imported.caseNumber} загружен из файла «round-trip.xlsx», строка ${i + 2}`,
      });
      // The number is in the case's search text too, as registration writes it.
      const byNumber = await server.ok(RefusalCasesDocument, { first: 5, filter: { search: imported.caseNumber! } }, expert);
      expect(byNumber.refusalCases.edges.map((e) => e.node.id)).toEqual([imported.caseId]);
    }
    const found = await server.ok(RefusalCasesDocument, { first: 10, filter: { search: 'вторая' } }, expert);
    expect(found.refusalCases.totalCount).toBe(1);
  });
});

describe('files as people save them', () => {
  it('a CSV saved by Russian Excel (Windows-1251, «;») is read with its Cyrillic intact; so is one in UTF-8 with a BOM', async () => {
    const { default: iconv } = await import('iconv-lite');
    const cp1251 = iconv.encode(buildCaseCsv([row({ surname: 'Цаликова', name: 'Залина', patronymic: 'Ёсифовна' })]), 'windows-1251');
    expect(cp1251.includes(Buffer.from('Цаликова'))).toBe(false);
    const read = await importFile('из Excel.csv', cp1251);
    expect(read.errors).toEqual([]);
    expect(read.result).toMatchObject({ created: 1, invalid: 0 });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: read.result!.rows[0].caseId! }, expert);
    expect(refusalCase!.person).toMatchObject({ surname: 'Цаликова', name: 'Залина', patronymic: 'Ёсифовна' });

    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(buildCaseCsv([row({ surname: 'Бекоева' })]))]);
    expect((await importFile('utf8.csv', withBom)).result).toMatchObject({ created: 1, invalid: 0 });
  });
});

describe('one write path with registration', () => {
  it('brings a known person up to date as registration does: the change is in the new case history, the earlier case is found by the new surname', async () => {
    const enp = validEnp();
    const first = await importFile('first.csv', buildCaseCsv([row({ enp, surname: 'Прежняя' })]));
    const earlierId = first.result!.rows[0].caseId!;
    const second = await importFile('второй 100%.csv', buildCaseCsv([row({ enp, surname: 'Новая', refusalDate: '26.01.2024' })]));
    expect(second.result).toMatchObject({ created: 1, invalid: 0 });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: second.result!.rows[0].caseId! }, expert);
    expect(refusalCase!.person.surname).toBe('Новая');
    expect(refusalCase!.history[0]).toMatchObject({
      kind: 'IMPORTED',
      summary: `Случай ${refusalCase!.number} загружен из файла «второй 100%.csv», строка 2`,
      changes: [{ field: 'person.surname', from: 'Прежняя', to: 'Новая' }],
    });
    const found = await server.ok(RefusalCasesDocument, { first: 10, filter: { search: 'новая' } }, expert);
    expect(found.refusalCases.edges.map((e) => e.node.id)).toContain(earlierId);
    expect(await server.sql('select 1 from insured_person where enp = $1', [enp])).toHaveLength(1);
  });

  it('an import in progress holds up no registration: its numbers are taken apart from its transaction', async () => {
    const enp = validEnp();
    const known = await importFile('known.csv', buildCaseCsv([row({ enp, surname: 'Прежняя' })]));
    const [{ id: personId }] = await server.sql<{ id: string }>('select person_id as id from refusal_case where id = $1', [known.result!.rows[0].caseId]);
    // The import's write of the person's new surname waits for this lock: the import stays open,
    // having taken its numbers, while a registration is sent.
    const person = await holdRows(server, 'select 1 from insured_person where id = $1', [personId]);
    const importing = importFile('долгий.csv', buildCaseCsv([row(), row({ enp, surname: 'Новая', refusalDate: '27.01.2024' })]));
    await person.waitedFor();
    const [parties] = await server.sql<{ mo_id: string; bureau_id: string }>('select mo_id, bureau_id from refusal_case where id = $1', [
      known.result!.rows[0].caseId,
    ]);
    const registering = server.ok(RegisterRefusalCaseDocument, { input: caseInput({ moId: parties.mo_id, bureauId: parties.bureau_id }) }, expert);
    const first = await Promise.race([registering, new Promise((resolve) => setTimeout(resolve, 5000, 'still waiting after 5 s'))]);
    await person.release();
    expect(first).toMatchObject({ registerRefusalCase: { errors: [], result: { number: expect.stringMatching(/^МСЭ-\d{4}-\d{6}$/) } } });
    const imported = await importing;
    expect(imported.result).toMatchObject({ created: 2, invalid: 0 });
    const numbers = [...imported.result!.rows.map((r) => r.caseNumber), (await registering).registerRefusalCase.result!.number];
    expect(new Set(numbers).size).toBe(3);
  });

  it('a file larger than one write: numbers consecutive, a person repeated across writes stored once', async () => {
    const repeated = validEnp();
    const rows = Array.from({ length: 520 }, (_, i) =>
      row({ enp: i % 100 === 0 ? repeated : validEnp(), refusalDate: i % 100 === 0 ? `${String(1 + i / 100).padStart(2, '0')}.02.2024` : '25.01.2024' }),
    );
    const { result } = await importFile('big.csv', buildCaseCsv(rows));
    expect(result).toMatchObject({ created: 520, invalid: 0 });
    const sequence = result!.rows.map((r) => Number(r.caseNumber!.slice(-6)));
    expect(sequence).toEqual(sequence.map((_, i) => sequence[0] + i));
    // Each case holds the number its row was reported with (the numbers are taken ahead of each write).
    const stored = await server.sql<{ id: string; number: string }>('select id, number from refusal_case where id = any($1::uuid[])', [
      result!.rows.map((r) => r.caseId),
    ]);
    expect(new Map(stored.map((c) => [c.id, c.number]))).toEqual(new Map(result!.rows.map((r) => [r.caseId, r.caseNumber])));
    expect(await server.sql('select 1 from insured_person where enp = $1', [repeated])).toHaveLength(1);
    expect(await server.sql('select 1 from refusal_case c join insured_person p on p.id = c.person_id where p.enp = $1', [repeated])).toHaveLength(6);
  });
});

describe('a file read, checked and written a batch at a time', () => {
  const pastOneBatch = BATCH_ROWS + 100;

  it('a row repeating one of an earlier batch is reported as its repeat, with its case', async () => {
    const first = row({ surname: 'Первая' });
    const rows = [first, ...Array.from({ length: pastOneBatch }, () => row()), first];
    const { result } = await importFile('repeat-across-batches.csv', buildCaseCsv(rows));
    expect(result).toMatchObject({ totalRows: pastOneBatch + 2, created: pastOneBatch + 1, alreadyPresent: 1, invalid: 0 });
    const last = result!.rows.find((r) => r.row === pastOneBatch + 3)!;
    expect(last).toMatchObject({ status: 'ALREADY_PRESENT', caseNumber: result!.rows[0].caseNumber });
    expect(last.errors[0].message).toBe('Повтор строки 2: тот же человек, бюро и дата отказа');
  });

  it('a file that turns out unreadable after its first batch was written leaves nothing', async () => {
    const before = await caseCount();
    const rows = [...Array.from({ length: pastOneBatch }, () => row()), row({ surname: 'Нуль\u0000' })];
    const { result, errors } = await importFile('broken-late.csv', buildCaseCsv(rows));
    expect(result).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ field: 'file', message: expect.stringContaining(`Строка ${pastOneBatch + 2}, столбец C`) })]);
    expect(await caseCount()).toBe(before);
  });

  it(`keeps the first ${MAX_KEPT_ERRORS} errors of a file and still reports every row`, async () => {
    const wrongRows = Math.ceil(MAX_KEPT_ERRORS / 2) + 50;
    // Each row has two errors: no surname and no name.
    const rows = [...Array.from({ length: wrongRows }, () => row({ surname: '', name: '' })), row({ surname: 'Верная' })];
    const { result } = await importFile('many-errors.csv', buildCaseCsv(rows));
    expect(result).toMatchObject({ totalRows: wrongRows + 1, created: 1, invalid: wrongRows });
    const invalid = result!.rows.filter((r) => r.status === 'INVALID');
    const kept = invalid.filter((r) => r.errors.length === 2);
    expect(kept.length * 2).toBeLessThanOrEqual(MAX_KEPT_ERRORS);
    expect(kept.length).toBeGreaterThan(MAX_KEPT_ERRORS / 2 - 2);
    expect(invalid.slice(kept.length).map((r) => r.errors.map((e) => e.message))).toEqual(
      Array.from({ length: wrongRows - kept.length }, () => [
        `Строка с ошибками; в файле их больше ${MAX_KEPT_ERRORS}: исправьте показанные и загрузите файл снова`,
      ]),
    );
  });
});

describe('imports one at a time', () => {
  it('an import that waits too long for another is told to come back, and writes nothing', async () => {
    const before = await caseCount();
    const other = new pg.Client({ connectionString: server.razbor.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      // A small CSV is imported in place, a workbook in a worker on a connection of its own: the same answer.
      for (const [fileName, content] of [
        ['waits.csv', buildCaseCsv([row()])],
        ['waits.xlsx', await buildCaseSheet([row()])],
      ] as const) {
        const started = performance.now();
        const waited = await importFile(fileName, content);
        expect(performance.now() - started).toBeGreaterThanOrEqual(900);
        expect(waited).toMatchObject({
          result: null,
          errors: [{ field: 'file', code: 'NOT_ALLOWED', message: 'Сейчас загружается другой файл случаев: повторите загрузку через минуту' }],
        });
      }
      expect(await caseCount()).toBe(before);
    } finally {
      await other.query('rollback');
      await other.end();
    }
    expect((await importFile('after.csv', buildCaseCsv([row()]))).result).toMatchObject({ created: 1 });
  });

  it('workbooks sent together wait for each other in the server, not each in a worker of its own', async () => {
    const other = new pg.Client({ connectionString: server.razbor.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      // Each import worker holds up to a few hundred megabytes: several uploads at once must not start one each.
      let mostWaiting = 0;
      let sending = true;
      const watching = (async () => {
        while (sending) {
          // This test's database only: other files' servers, on databases of their own, import meanwhile.
          const [{ n }] = (
            await other.query<{ n: string }>(
              `select count(*) as n from pg_locks
                where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
            )
          ).rows;
          mostWaiting = Math.max(mostWaiting, Number(n));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const answers = await Promise.all([1, 2, 3].map(async (i) => importFile(`together-${i}.xlsx`, await buildCaseSheet([row()]))));
      sending = false;
      await watching;
      expect(mostWaiting).toBe(1);
      for (const answer of answers) expect(answer.errors).toEqual([expect.objectContaining({ field: 'file', code: 'NOT_ALLOWED' })]);
    } finally {
      await other.query('rollback');
      await other.end();
    }
  });
});

describe('a file mixing good and bad rows', () => {
  it('loads the good rows and reports every bad one with its row and column', async () => {
    const existing = row();
    await importFile('existing.csv', buildCaseCsv([existing]));
    const before = await caseCount();
    const duplicateInFile = row();
    const rows = [
      row({ surname: 'Хорошая' }), // 2
      row({ enp: invalidEnp() }), // 3
      row({ refusalDate: '31.02.2024' }), // 4
      row({ moOgrn: '1027700132195' }), // 5
      row({ referralDate: '01.03.2024', refusalDate: '25.01.2024' }), // 6
      duplicateInFile, // 7
      duplicateInFile, // 8
      existing, // 9
      row({ mainDiagnosis: 'И63', sex: 'X', missingExaminations: '' }), // 10
    ];
    const { result, errors } = await importFile('mixed.xlsx', await buildCaseSheet(rows));
    expect(errors).toEqual([]);
    expect(result).toMatchObject({ totalRows: 9, created: 2, alreadyPresent: 2, invalid: 5 });
    const byRow = new Map(result!.rows.map((r) => [r.row, r]));
    const columnsOf = (n: number) => byRow.get(n)!.errors.map((e) => e.columnLetter);
    expect(byRow.get(2)?.status).toBe('CREATED');
    expect(byRow.get(3)).toMatchObject({
      status: 'INVALID',
      errors: [expect.objectContaining({ columnLetter: 'A', column: 'ЕНП', code: 'INVALID_CHECKSUM' })],
    });
    expect(columnsOf(4)).toEqual(['L']);
    expect(byRow.get(5)!.errors).toEqual([
      expect.objectContaining({ columnLetter: 'H', code: 'NOT_FOUND', message: expect.stringContaining('1027700132195') }),
    ]);
    expect(byRow.get(6)!.errors).toEqual([expect.objectContaining({ columnLetter: 'L', message: expect.stringContaining('раньше даты направления') })]);
    expect(byRow.get(7)?.status).toBe('CREATED');
    expect(byRow.get(8)).toMatchObject({ status: 'ALREADY_PRESENT', caseNumber: byRow.get(7)!.caseNumber });
    expect(byRow.get(8)!.errors[0].message).toContain('Повтор строки 7');
    expect(byRow.get(9)).toMatchObject({ status: 'ALREADY_PRESENT', caseNumber: expect.stringMatching(/^МСЭ-/) });
    expect(columnsOf(10).sort()).toEqual(['G', 'N', 'P']);
    expect(await caseCount()).toBe(before + 2);
  });

  it('reports an ЕНП that Excel turned into a number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Случаи');
    sheet.addRow(CASE_SHEET_COLUMNS.map((c) => c.header));
    const good = row();
    sheet.addRow(CASE_SHEET_COLUMNS.map((c) => (c.key === 'enp' ? Number('9123456789012345') : good[c.key])));
    const { result } = await importFile('numbers.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result!.rows[0].errors[0]).toMatchObject({ columnLetter: 'A', message: expect.stringContaining('текстовый формат') });
  });
});

describe('a large file answers the rows asked for', () => {
  it('only the rows with errors or already present, and the first created cases, when asked so; every row when not', async () => {
    const file = buildCaseCsv([row(), row({ enp: invalidEnp() }), row(), row()]);
    const contentBase64 = Buffer.from(file).toString('base64');
    const { importRefusalCases: answer } = await server.ok(
      ImportRefusalCasesDocument,
      { input: { fileName: 'few.csv', contentBase64 }, rowStatuses: ['INVALID', 'ALREADY_PRESENT'] },
      expert,
    );
    expect(answer.result).toMatchObject({ totalRows: 4, created: 3, invalid: 1 });
    expect(answer.result!.rows.map((r) => [r.row, r.status])).toEqual([[3, 'INVALID']]);
    expect(answer.result!.createdRows.map((r) => r.row)).toEqual([2, 4, 5]);
    const again = await importFile('few.csv', file);
    expect(again.result!.rows.map((r) => r.status)).toEqual(['ALREADY_PRESENT', 'INVALID', 'ALREADY_PRESENT', 'ALREADY_PRESENT']);
    const firstTwo = await server.gql(
      parse(
        'mutation($input: ImportRefusalCasesInput!) { importRefusalCases(input: $input) { result { rows(statuses: [ALREADY_PRESENT], first: 2) { row } } } }',
      ),
      { input: { fileName: 'few.csv', contentBase64 } },
      expert,
    );
    expect(firstTwo.data).toEqual({ importRefusalCases: { result: { rows: [{ row: 2 }, { row: 4 }] } } });
  });
});

describe('every error of a row at once, with the value read', () => {
  it('a rounded ЕНП, a bad СНИЛС, a refusal before its referral and an unknown MO are all reported for one row, each with what was read', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Случаи');
    sheet.addRow(CASE_SHEET_COLUMNS.map((c) => c.header));
    const bad = row({ snils: '112-233-445 96', referralDate: '10.02.2024', refusalDate: '01.02.2024', moOgrn: '1027700132195' });
    sheet.addRow(CASE_SHEET_COLUMNS.map((c) => (c.key === 'enp' ? Number('9123456789012345') : bad[c.key])));
    const { result } = await importFile('all-at-once.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const errors = result!.rows[0].errors;
    expect(errors.map((e) => e.columnLetter).sort()).toEqual(['A', 'B', 'H', 'L']);
    const at = (letter: string) => errors.find((e) => e.columnLetter === letter)!.message;
    // The number Excel kept, as it would show it: the last digits are lost.
    expect(at('A')).toBe('ЕНП: число искажено Excel; задайте столбцу текстовый формат и введите ЕНП заново (прочитано: «9123456789012344»)');
    expect(at('B')).toBe('СНИЛС: Неверная контрольная сумма СНИЛС (прочитано: «112-233-445 96»)');
    expect(at('L')).toBe('Дата отказа: Дата отказа раньше даты направления (прочитано: «01.02.2024»)');
    expect(at('H')).toContain('1027700132195 нет в справочнике');
  });

  it('an ЕНП whose check digit is wrong names the column that confirms it; «да» there creates the case and says so in its history', async () => {
    const enp = invalidEnp();
    const refused = await importFile('enp.csv', buildCaseCsv([row({ enp })]));
    expect(refused.result!.rows[0].errors).toEqual([
      expect.objectContaining({
        columnLetter: 'A',
        message: `ЕНП: неверная контрольная цифра. Если полис настоящий, поставьте «да» в столбце «ЕНП без проверки» (прочитано: «${enp}»)`,
      }),
    ]);
    const confirmed = await importFile('enp-confirmed.csv', buildCaseCsv([row({ enp, enpUnchecked: 'да' })]));
    expect(confirmed.result!.rows[0]).toMatchObject({ status: 'CREATED', errors: [] });
    const { refusalCase } = await server.ok(RefusalCaseDocument, { id: confirmed.result!.rows[0].caseId! }, expert);
    expect(refusalCase!.history.map((h) => h.summary).join(' | ')).toContain('ЕНП принят без совпадения контрольной');
  });

  it('a file made from the template before the «ЕНП без проверки» column still reads', async () => {
    const old = buildCaseCsv([row()])
      .split('\n')
      .map((line) => line.split(';').slice(0, -1).join(';'))
      .join('\n');
    expect(old.split('\n')[0].endsWith('Примечание')).toBe(true);
    expect((await importFile('old.csv', old)).result).toMatchObject({ created: 1, invalid: 0 });
  });
});

describe('the template', () => {
  it('is for signed-in users, and offers the current MOs and bureaus in lists whose items import as their organisation', async () => {
    expect((await fetch(`${server.url}/templates/refusal-cases.xlsx`)).status).toBe(401);
    const response = await fetch(`${server.url}/templates/refusal-cases.xlsx`, { headers: { authorization: `Bearer ${expert}` } });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const lists = workbook.getWorksheet('Организации')!;
    expect(lists.state).toBe('hidden');
    const mos = (lists.getColumn(1).values as unknown[]).slice(2).map(String);
    const bureaus = (lists.getColumn(2).values as unknown[]).slice(2).map(String);
    expect(mos).toContain(`Демо mo1 — ОГРН ${DEMO_OGRN.mo1}`);
    expect(bureaus).toEqual([`Демо bureau — ОГРН ${DEMO_OGRN.bureau}`]);
    const moColumn = CASE_SHEET_COLUMNS.findIndex((c) => c.key === 'moOgrn');
    const validation = workbook.worksheets[0].getCell(2, moColumn + 1).dataValidation;
    expect(validation).toMatchObject({ type: 'list', formulae: [`'Организации'!$A$2:$A$${mos.length + 1}`] });
    expect(workbook.worksheets[0].getCell(5000, moColumn + 1).dataValidation?.type).toBe('list');

    const { result } = await importFile('picked.csv', buildCaseCsv([row({ moOgrn: mos.find((m) => m.includes(DEMO_OGRN.mo2))!, bureauOgrn: bureaus[0] })]));
    expect(result!.rows[0]).toMatchObject({ status: 'CREATED', errors: [] });
    const mo2 = (await server.sql<{ id: string }>('select id from organisation where ogrn = $1', [DEMO_OGRN.mo2]))[0];
    const created = (await server.sql<{ mo_id: string }>('select mo_id from refusal_case where id = $1', [result!.rows[0].caseId]))[0];
    expect(created.mo_id).toBe(mo2.id);
  });
});

describe('organisations in a file', () => {
  it("an MO may be named by its code in the fund's registry instead of its ОГРН", async () => {
    const mo = (await server.sql<{ id: string }>('select id from organisation where ogrn = $1', [DEMO_OGRN.mo2]))[0];
    await server.sql(`update organisation set registry_code = '150777' where id = $1`, [mo.id]);
    const { result } = await importFile('registry.csv', buildCaseCsv([row({ moOgrn: '150777' }), row({ moOgrn: '150778' })]));
    expect(result!.rows.map((r) => r.status)).toEqual(['CREATED', 'INVALID']);
    expect(result!.rows[1].errors).toEqual([expect.objectContaining({ message: expect.stringContaining('кодом в реестре 150778 нет в справочнике') })]);
    const created = (await server.sql<{ mo_id: string }>('select mo_id from refusal_case where id = $1', [result!.rows[0].caseId]))[0];
    expect(created.mo_id).toBe(mo.id);
  });
});

describe('diagnoses in a file', () => {
  it('a row whose diagnosis МКБ-10 lacks or has retired is invalid with the reason; the others are created', async () => {
    const before = await caseCount();
    const rows = [row(), row({ mainDiagnosis: 'M54.16' }), row({ secondaryDiagnoses: 'E11; I84' })];
    const { result } = await importFile('diagnoses.csv', buildCaseCsv(rows));
    expect(result!.rows.map((r) => r.status)).toEqual(['CREATED', 'INVALID', 'INVALID']);
    expect(result!.rows[1].errors).toEqual([expect.objectContaining({ columnLetter: 'N', message: 'Диагноз МКБ-10: Кода M54.16 нет в МКБ-10' })]);
    expect(result!.rows[2].errors).toEqual([expect.objectContaining({ message: expect.stringContaining('Код I84 упразднён в МКБ-10 с 07.10.2020') })]);
    expect(await caseCount()).toBe(before + 1);
  });
});

describe('files that are refused whole', () => {
  it('a wrong header names the column and writes nothing', async () => {
    const before = await caseCount();
    const csv = buildCaseCsv([row()]).replace('СНИЛС', 'Страховой номер');
    const { result, errors } = await importFile('wrong-header.csv', csv);
    expect(result).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ field: 'file', code: 'INVALID', message: expect.stringContaining('в столбце B ожидается «СНИЛС»') })]);
    expect(await caseCount()).toBe(before);
  });

  it('a file that is not a spreadsheet, or of another type', async () => {
    expect((await importFile('broken.xlsx', 'это не xlsx')).errors[0]).toMatchObject({ field: 'file' });
    expect((await importFile('cases.pdf', '%PDF')).errors[0]).toMatchObject({ field: 'file', message: 'Поддерживаются файлы XLSX и CSV' });
    const sent = async (contentBase64: string) =>
      (await server.ok(ImportRefusalCasesDocument, { input: { fileName: 'a.csv', contentBase64 } }, expert)).importRefusalCases.errors;
    expect(await sent('!!!@@@')).toEqual([
      expect.objectContaining({ field: 'contentBase64', message: 'Файл передан повреждённым: содержимое не в кодировке base64' }),
    ]);
    expect(await sent('====')).toEqual([expect.objectContaining({ field: 'contentBase64', message: 'Файл пуст' })]);
    expect(await sent('')).toEqual([expect.objectContaining({ field: 'contentBase64', message: 'Файл пуст' })]);
  });

  it('only SMO experts import', async () => {
    const response = await server.gql(
      ImportRefusalCasesDocument,
      { input: { fileName: 'x.csv', contentBase64: Buffer.from(buildCaseCsv([row()])).toString('base64') } },
      moUser,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
