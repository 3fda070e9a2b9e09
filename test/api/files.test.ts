import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefusalCasesDocument, type ImportRefusalCasesMutation } from '../../client/generated/graphql.js';
import { freePort } from '../../server/db/embedded.js';
import { createOrganisation, createUserAndLogin } from '../helpers/fixtures.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server.js';

let server: TestServer;
let expert: string;

beforeAll(async () => {
  server = await startTestServer();
  expert = (await createUserAndLogin(server, 'SMO_EXPERT', (await createOrganisation(server, 'SMO')).id)).token;
  separate = await spawnServer();
});
afterAll(async () => {
  await separate?.stop();
  await server?.stop();
});

const example = readFileSync(new URL('../fixtures/refusal-cases-example.xlsx', import.meta.url));

/** The example workbook with its first sheet's rows replaced (given as text, or as bytes to keep a huge one off the JS heap). */
async function workbookWithSheetData(...sheetData: Array<string | Buffer>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(example);
  const sheet = (await zip.file('xl/worksheets/sheet1.xml')!.async('string')).replace(/<dimension ref="[^"]*"\/>/, '');
  const header = sheet.match(/<row r="1"[\s\S]*?<\/row>/)![0];
  const [before, after] = [sheet.slice(0, sheet.indexOf('<sheetData>')), sheet.slice(sheet.indexOf('</sheetData>'))];
  zip.file('xl/worksheets/sheet1.xml', Buffer.concat([`${before}<sheetData>${header}`, ...sheetData, after].map((part) => Buffer.from(part))));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/**
 * A server process of its own on the same database, so that its memory is measured alone, with a
 * temporary directory of its own, so that what an upload leaves on disk can be seen; its log is
 * kept to explain a failure.
 */
async function spawnServer(): Promise<{ url: string; pid: number; tmpdir: string; log(): string; stop(): Promise<void> }> {
  const port = await freePort();
  const tmpdir = await mkdtemp(path.join(os.tmpdir(), 'razbor-files-test-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: server.razbor.databaseUrl,
    RAZBOR_DEMO: '0',
    LOG_LEVEL: 'warn',
    TMPDIR: tmpdir,
  };
  const child = spawn(process.execPath, [path.resolve('dist/server/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  for (const output of [child.stdout, child.stderr]) output.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    tmpdir,
    log: () => log,
    stop: async () => {
      await new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM'));
      await rm(tmpdir, { recursive: true, force: true });
    },
  };
}

const rssOf = async (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

let separate: Awaited<ReturnType<typeof spawnServer>>;

/** Imports through GraphQL on the separate server while its /healthz is asked every 50 ms; returns the answer, its time, the slowest health answer and the server's RSS growth. */
async function importWatched(fileName: string, content: Buffer) {
  const target = separate.url;
  const rssBefore = await rssOf(separate.pid);
  let peakRss = rssBefore;
  let slowestHealth = 0;
  let importing = true;
  const watcher = (async () => {
    while (importing) {
      const started = performance.now();
      const health = await fetch(`${target}/healthz`);
      expect(health.status).toBe(200);
      slowestHealth = Math.max(slowestHealth, performance.now() - started);
      peakRss = Math.max(peakRss, await rssOf(separate.pid));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const started = performance.now();
  const response = await fetch(`${target}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${expert}` },
    body: JSON.stringify({ query: print(ImportRefusalCasesDocument), variables: { input: { fileName, contentBase64: content.toString('base64') } } }),
  });
  const answer = (await response.json()) as GraphQLResponse<ImportRefusalCasesMutation>;
  const ms = performance.now() - started;
  importing = false;
  await watcher;
  return { answer, ms, slowestHealth, rssGrowthMb: (peakRss - rssBefore) / 1024 / 1024 };
}

describe('spreadsheet bombs', () => {
  it('a megabyte that inflates to a million rows is refused within seconds, memory stays low and /healthz answers throughout', async () => {
    const rows = Array.from(
      { length: 1_000_000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>5000000000000009</t></is></c></row>`,
    ).join('');
    const bomb = await workbookWithSheetData(rows);
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const { answer, ms, slowestHealth, rssGrowthMb } = await importWatched('bomb.xlsx', bomb);
    expect(answer.data?.importRefusalCases.errors, separate.log()).toEqual([
      expect.objectContaining({ message: expect.stringContaining('В файле больше 100000 строк') }),
    ]);
    // About 3 s alone; 6–8 s measured while the whole suite (and LibreOffice) shares two cores. A
    // server that read the million rows would take minutes and hundreds of megabytes.
    expect(ms).toBeLessThan(15_000);
    expect(slowestHealth).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(200);
    console.log(
      `zip bomb of ${(bomb.length / 1024 / 1024).toFixed(2)} MB (1,000,000 rows): refused in ${Math.round(ms)} ms, slowest /healthz ${Math.round(slowestHealth)} ms, RSS +${Math.round(rssGrowthMb)} MB`,
    );
  });

  it('a workbook that inflates past 200 MB is refused by counting, before any XML is parsed', async () => {
    const bomb = await workbookWithSheetData('<row r="2"><c r="A2" t="inlineStr"><is><t>', Buffer.alloc(220 * 1024 * 1024, 0x20), '</t></is></c></row>');
    const { answer, ms, slowestHealth, rssGrowthMb } = await importWatched('spaces.xlsx', bomb);
    expect(answer.data?.importRefusalCases.errors).toEqual([
      expect.objectContaining({ message: 'Книга распаковывается больше чем в 200 МБ: разделите файл на части' }),
    ]);
    // About 3 s alone; 6–8 s measured while the whole suite (and LibreOffice) shares two cores. A
    // server that read the million rows would take minutes and hundreds of megabytes.
    expect(ms).toBeLessThan(15_000);
    expect(slowestHealth).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(200);
    console.log(
      `inflation bomb of ${(bomb.length / 1024).toFixed(0)} KB (220 MB inflated): refused in ${Math.round(ms)} ms, slowest /healthz ${Math.round(slowestHealth)} ms, RSS +${Math.round(rssGrowthMb)} MB`,
    );
  });

  it('a sheet whose only row is numbered a million is refused without filling the gap', async () => {
    const far = await workbookWithSheetData(`<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>`);
    const { answer, ms, rssGrowthMb } = await importWatched('far.xlsx', far);
    expect(answer.data?.importRefusalCases.errors[0].message).toContain('В файле больше 100000 строк');
    // About 1 s alone (most of it the import worker's start), 2 s seen beside a build on two cores;
    // filling the gap would mean a million rows: minutes and hundreds of megabytes.
    expect(ms).toBeLessThan(10_000);
    expect(rssGrowthMb).toBeLessThan(200);
  });

  it("an upload leaves no copy of itself on the server's disk, read to the end or refused halfway", async () => {
    const bomb = await workbookWithSheetData(
      Array.from({ length: 110_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>x</t></is></c></row>`).join(''),
    );
    const refused = await importWatched('halfway.xlsx', bomb);
    expect(refused.answer.data?.importRefusalCases.errors[0].message, separate.log()).toContain('В файле больше 100000 строк');
    const whole = await importWatched('example.xlsx', example);
    expect(whole.answer.errors, separate.log()).toBeUndefined();
    expect(await readdir(separate.tmpdir)).toEqual([]);
  });

  it('a CSV of a million lines is refused after reading past the limit only', async () => {
    const csv = Buffer.from(`${'x;'.repeat(16)}x\n${'1;2;3\n'.repeat(1_000_000)}`);
    const { answer, ms } = await importWatched('many.csv', csv);
    expect(answer.data?.importRefusalCases.errors[0].message).toMatch(/В файле больше 100000 строк|Неверный заголовок/);
    expect(ms).toBeLessThan(5000);
  });
});

describe('attachments', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  let caseId: string;
  let quotaServer: TestServer;
  let quotaExpert: string;
  let quotaCases: string[];

  const newCase = async (srv: TestServer, token: string) => {
    const { RegisterRefusalCaseDocument } = await import('../../client/generated/graphql.js');
    const { caseInput } = await import('../helpers/fixtures.js');
    const [mo, bureau] = await Promise.all([createOrganisation(srv, 'MO'), createOrganisation(srv, 'MSE_BUREAU')]);
    return (await srv.ok(RegisterRefusalCaseDocument, { input: caseInput({ moId: mo.id, bureauId: bureau.id }) }, token)).registerRefusalCase.result!.id;
  };
  const upload = (srv: TestServer, token: string, owner: string, body: Buffer, fileName: string) =>
    fetch(`${srv.url}/attachments?owner=CASE&ownerId=${owner}&fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body,
    });
  const officeFile = async (kind: 'word' | 'xl', extra: Record<string, string | Buffer>) => {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${kind}/${kind === 'word' ? 'document' : 'workbook'}.xml" ContentType="application/vnd.openxmlformats-officedocument.${kind === 'word' ? 'wordprocessingml.document.main' : 'spreadsheetml.sheet.main'}+xml"/></Types>`,
    );
    zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships/>');
    zip.file(`${kind}/${kind === 'word' ? 'document' : 'workbook'}.xml`, '<?xml version="1.0"?><document/>');
    for (const [name, content] of Object.entries(extra)) zip.file(name, content);
    return zip.generateAsync({ type: 'nodebuffer' });
  };

  beforeAll(async () => {
    caseId = await newCase(server, expert);
    quotaServer = await startTestServer({ RAZBOR_ATTACHMENTS_PER_CASE_MB: '1', RAZBOR_ATTACHMENTS_PER_ORGANISATION_DAY_MB: '2' });
    quotaExpert = (await createUserAndLogin(quotaServer, 'SMO_EXPERT', (await createOrganisation(quotaServer, 'SMO')).id)).token;
    quotaCases = [await newCase(quotaServer, quotaExpert), await newCase(quotaServer, quotaExpert), await newCase(quotaServer, quotaExpert)];
  });
  afterAll(() => quotaServer?.stop());

  it('a PDF with HTML and script after its header is refused, whatever its name', async () => {
    const polyglot = Buffer.concat([PDF, Buffer.from('<html><body><script>fetch("/graphql")</script></body></html>')]);
    const response = await upload(server, expert, caseId, polyglot, 'poly.html');
    expect(response.status).toBe(415);
    expect(((await response.json()) as { message: string }).message).toBe('Файл содержит HTML или сценарий: такие файлы не принимаются');
    const js = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n');
    expect((await upload(server, expert, caseId, js, 'js.pdf')).status).toBe(415);
  });

  it('a real PDF named poly.html is stored and served as .pdf, as a download, never sniffed', async () => {
    const response = await upload(server, expert, caseId, PDF, 'poly.html');
    expect(response.status).toBe(201);
    const stored = (await response.json()) as { id: string; fileName: string };
    expect(stored.fileName).toBe('poly.pdf');
    const download = await fetch(`${server.url}/attachments/${stored.id}`, { headers: { authorization: `Bearer ${expert}` } });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="poly.pdf"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the right-to-left override and other control characters are stripped from names', async () => {
    const response = await upload(server, expert, caseId, PDF, 'счёт\u202Efdp.exe\u0007\u200B');
    const stored = (await response.json()) as { fileName: string };
    expect(stored.fileName).toBe('счётfdp.pdf');
  });

  it('office files with macros or embedded programs are refused', async () => {
    for (const [name, file] of [
      ['macros.docx', await officeFile('word', { 'word/vbaProject.bin': Buffer.from('macro') })],
      ['macros.xlsx', await officeFile('xl', { 'xl/vbaProject.bin': Buffer.from('macro') })],
      ['program.docx', await officeFile('word', { 'word/embeddings/setup.exe': Buffer.from('MZ\x90\x00') })],
      ['ole.docx', await officeFile('word', { 'word/embeddings/oleObject1.bin': Buffer.from('ole') })],
    ] as const) {
      const response = await upload(server, expert, caseId, file, name);
      expect(response.status, name).toBe(415);
      expect(((await response.json()) as { message: string }).message, name).toBe('Файл содержит макросы или встроенные программы: такие файлы не принимаются');
    }
    expect((await upload(server, expert, caseId, await officeFile('word', {}), 'clean.docx')).status).toBe(201);
  });

  it('quotas: per case, and per organisation per day, so one user cannot fill the database', async () => {
    const half = Buffer.concat([PDF, Buffer.alloc(600 * 1024, 0x20)]);
    expect((await upload(quotaServer, quotaExpert, quotaCases[0], half, 'a.pdf')).status).toBe(201);
    const overCase = await upload(quotaServer, quotaExpert, quotaCases[0], half, 'b.pdf');
    expect(overCase.status).toBe(413);
    expect(((await overCase.json()) as { message: string }).message).toBe('К случаю уже приложено файлов на 1 МБ: больше приложить нельзя');
    expect((await upload(quotaServer, quotaExpert, quotaCases[1], half, 'c.pdf')).status).toBe(201);
    expect((await upload(quotaServer, quotaExpert, quotaCases[2], half, 'd.pdf')).status).toBe(201);
    // Four uploads at once, on a fourth case: the limit is counted under a lock, not raced past.
    const fourth = await newCase(quotaServer, quotaExpert);
    const racing = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        upload(quotaServer, quotaExpert, fourth, Buffer.concat([PDF, Buffer.alloc(100 * 1024 * (i + 1), 0x20)]), `r${i}.pdf`),
      ),
    );
    const [{ total }] = await quotaServer.sql<{ total: string }>('select sum(size) as total from attachment');
    expect(Number(total)).toBeLessThanOrEqual(2 * 1024 * 1024);
    const refused = racing.filter((r) => r.status === 413);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(((await refused[0].json()) as { message: string }).message).toBe(
      'Организация за последние сутки уже загрузила файлов на 2 МБ: повторите позже или обратитесь к администратору',
    );
  });
});

describe('characters PostgreSQL cannot store', () => {
  it('NUL in a CSV cell, and a lone surrogate written as an XML character reference, are bad input naming the cell', async () => {
    const csvHeader = (await import('../../server/modules/cases/import/case-sheet.template.js')).buildCaseCsv([]);
    const nul = await importWatched('nul.csv', Buffer.from(`${csvHeader}5000000000000009;x;Фами\u0000лия\n`));
    expect(nul.answer.errors).toBeUndefined();
    expect(nul.answer.data?.importRefusalCases.errors[0].message).toBe('Строка 2, столбец C: недопустимый символ (NUL)');
    const surrogate = await workbookWithSheetData('<row r="2"><c r="A2" t="inlineStr"><is><t>&#xD800;</t></is></c></row>');
    const lone = await importWatched('lone.xlsx', surrogate);
    expect(lone.answer.errors).toBeUndefined();
    expect(lone.answer.data?.importRefusalCases.errors[0].message).toMatch(/^(Строка 2, столбец A: недопустимый символ|Файл не читается)/);
  });

  it('NUL and lone surrogates in a comment, a block string and a file name never reach the database as a 500', async () => {
    const { postRaw } = await import('../helpers/operations.js');
    const caseId = await (async () => {
      const { RegisterRefusalCaseDocument } = await import('../../client/generated/graphql.js');
      const { caseInput } = await import('../helpers/fixtures.js');
      const [mo, bureau] = await Promise.all([createOrganisation(server, 'MO'), createOrganisation(server, 'MSE_BUREAU')]);
      return (await server.ok(RegisterRefusalCaseDocument, { input: caseInput({ moId: mo.id, bureauId: bureau.id }) }, expert)).registerRefusalCase.result!.id;
    })();
    const comment = 'mutation($id: ID!, $text: String!) { addCaseComment(caseId: $id, text: $text, shared: true) { errors { code } } }';
    for (const text of ['a\u0000b', 'a\ud800b', 'b\udc00']) {
      const answer = await postRaw(server.url, comment, expert, { id: caseId, text });
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(text)).toBe('BAD_USER_INPUT');
    }
    for (const literal of ['"""a\\u0000b"""', '"a\\u0000b"', '"a\\ud800b"']) {
      const answer = await postRaw(server.url, `mutation { addCaseComment(caseId: "${caseId}", text: ${literal}, shared: true) { errors { code } } }`, expert);
      expect(answer.errors?.[0]?.extensions?.code, literal).toMatch(/BAD_USER_INPUT|GRAPHQL_PARSE_FAILED/);
    }
    const upload = await fetch(`${server.url}/attachments?owner=CASE&ownerId=${caseId}&fileName=${encodeURIComponent('скан\u0000.pdf')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${expert}` },
      body: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    expect(upload.status).toBe(201);
    expect(((await upload.json()) as { fileName: string }).fileName).toBe('скан.pdf');
  });
});
