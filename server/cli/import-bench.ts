import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import type pg from 'pg';
import { ImportRefusalCasesDocument } from '../../client/generated/graphql.js';
import { writeLargeCaseSheet } from './large-case-sheet.js';

export interface ImportBenchSetting {
  url: string;
  /** An SMO expert's token; the CLI imports under that SMO's first expert. */
  token: string;
  smoOgrn: string;
  moOgrn: string;
  bureauOgrn: string;
  databaseUrl: string;
  rows: number;
  /** The bench's connections as the database's owner. */
  pool: pg.Pool;
}

export interface ImportMeasured {
  what: string;
  rows: number;
  created: number;
  ms: number;
  /** The server's growth over its resident size before the request; null for the CLI, a process of its own. */
  rssGrowthMb: number | null;
  peakRssMb: number;
}

/** Import targets (#19): a 100 000-row file in under 60 s, the server growing by under 300 MB. */
export const IMPORT_TARGET = { ms: 60_000, rssGrowthMb: 300 };

const FILE_PREFIX = 'bench-import-';

/** The highest of a process's resident sizes sampled every 100 ms while work runs. */
async function peakRssDuring<T>(rssOf: () => Promise<number>, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = await rssOf();
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await rssOf().catch(() => peak));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    return { result: await work(), peak };
  } finally {
    running = false;
    await sampler;
  }
}

const rssOfPid = async (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** `npm run import-cases` as a user runs it (the compiled CLI), against the bench's database. */
async function viaCli(setting: ImportBenchSetting, file: string): Promise<ImportMeasured> {
  const cli = fileURLToPath(new URL('./import-cases.js', import.meta.url));
  const started = performance.now();
  const child = spawn(process.execPath, [cli, file, '--smo', setting.smoOgrn], {
    env: { ...process.env, DATABASE_URL: setting.databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const { result: code, peak } = await peakRssDuring(
    () => rssOfPid(child.pid!),
    () => exited,
  );
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`import-cases ended with ${code}: ${output.slice(0, 500)}`);
  const created = Number(/создано (\d+)/.exec(output)?.[1] ?? 0);
  return { what: 'npm run import-cases', rows: setting.rows, created, ms, rssGrowthMb: null, peakRssMb: mb(peak) };
}

/** The GraphQL mutation, as the web client sends it; the server is this process. */
async function viaGraphql(setting: ImportBenchSetting, file: string): Promise<ImportMeasured> {
  const body = JSON.stringify({
    query: print(ImportRefusalCasesDocument),
    variables: { input: { fileName: path.basename(file), contentBase64: (await readFile(file)).toString('base64') }, rowStatuses: ['INVALID'] },
  });
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  const { result, peak } = await peakRssDuring(
    async () => process.memoryUsage().rss,
    async () => {
      const response = await fetch(`${setting.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${setting.token}` },
        body,
      });
      return (await response.json()) as { data?: { importRefusalCases: { result: { created: number } | null; errors: unknown[] } } };
    },
  );
  const ms = performance.now() - started;
  const payload = result.data?.importRefusalCases;
  if (!payload?.result) throw new Error(`the import mutation failed: ${JSON.stringify(result).slice(0, 500)}`);
  return { what: 'мутация importRefusalCases', rows: setting.rows, created: payload.result.created, ms, rssGrowthMb: mb(peak - baseline), peakRssMb: mb(peak) };
}

/**
 * The imported cases, their history and their new persons, removed so that every run of the bench
 * measures the same database (triggers off: case history is append-only for everyone else).
 */
async function removeImported(setting: ImportBenchSetting): Promise<void> {
  const client = await setting.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(
      `create temp table bench_imported on commit drop as
         select c.id, c.person_id from refusal_case c join case_history h on h.refusal_case_id = c.id
          where h.kind = 'IMPORTED' and h.summary like $1`,
      [`%«${FILE_PREFIX}%`],
    );
    await client.query('delete from case_history where refusal_case_id in (select id from bench_imported)');
    await client.query('delete from refusal_case where id in (select id from bench_imported)');
    await client.query(
      `delete from insured_person p where p.id in (select person_id from bench_imported)
          and not exists (select 1 from refusal_case c where c.person_id = p.id)`,
    );
    await client.query('commit');
    for (const table of ['refusal_case', 'case_history', 'insured_person']) await client.query(`vacuum analyze ${table}`);
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** A large file of new cases imported both ways, each into the same database, then removed again. */
export async function measureLargeImport(setting: ImportBenchSetting): Promise<ImportMeasured[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'razbor-import-bench-'));
  try {
    const files = [8, 9].map((series) => path.join(dir, `${FILE_PREFIX}${series}.xlsx`));
    for (const [i, file] of files.entries()) {
      await writeLargeCaseSheet(file, {
        rows: setting.rows,
        moOgrn: setting.moOgrn,
        bureauOgrn: setting.bureauOgrn,
        series: 8 + i,
        firstRefusal: '2025-11-01',
      });
    }
    const measured: ImportMeasured[] = [];
    try {
      measured.push(await viaCli(setting, files[0]));
      measured.push(await viaGraphql(setting, files[1]));
    } finally {
      await removeImported(setting);
    }
    return measured;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function importTable(measured: ImportMeasured[]): string {
  const lines = measured.map((m) => {
    const grows = m.rssGrowthMb === null ? null : m.rssGrowthMb < IMPORT_TARGET.rssGrowthMb;
    const ok = m.created === m.rows && m.ms < IMPORT_TARGET.ms && grows !== false;
    const perSecond = Math.round(m.rows / (m.ms / 1000));
    const target = `< ${IMPORT_TARGET.ms / 1000} с${grows === null ? '' : `, рост < ${IMPORT_TARGET.rssGrowthMb} МБ`}`;
    const growth = m.rssGrowthMb === null ? '—' : `+${m.rssGrowthMb}`;
    return `| ${m.what} | ${m.rows} | ${m.created} | ${(m.ms / 1000).toFixed(1).replace('.', ',')} | ${perSecond} | ${growth} | ${m.peakRssMb} | ${target} | ${ok ? 'да' : 'нет'} |`;
  });
  return [
    '| путь | строк | создано | время, с | строк/с | рост памяти сервера, МБ | пик RSS процесса, МБ | цель | выполнена |',
    '|---|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}
