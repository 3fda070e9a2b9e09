import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/db/embedded.js';
import { enpCheckDigit } from '../../server/shared/identifiers.js';

const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let child: ChildProcess | null = null;

async function start(port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RAZBOR_DATA_DIR: dataDir,
    RAZBOR_ADMIN_PASSWORD: 'crash-admin-password',
    RAZBOR_DEMO: '1',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.RAZBOR_TODAY;
  const proc = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], { env, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok) return proc;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

/** Answers are read as each test expects them; the fields it needs are named where it reads them. */
interface Answer {
  data?: Record<string, { token?: string; result?: { id?: string } | null; login?: string } & Array<{ id: string; kind: string }>>;
  errors?: unknown[];
}

async function gql(port: number, query: string, variables: unknown, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

afterAll(async () => {
  child?.kill('SIGKILL');
  if (dataDir) {
    // The last server stopped its PostgreSQL on the way out; one left behind by a failed test
    // (its server killed) is stopped here. Either way the cluster is gone before its files are.
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const postmaster = existsSync(pidFile) ? Number((await readFile(pidFile, 'utf8')).split('\n')[0]) : 0;
    const signal = (name: NodeJS.Signals | 0) => {
      try {
        return process.kill(postmaster, name);
      } catch {
        return false; // no such process: gone already
      }
    };
    if (postmaster && signal(0)) {
      signal('SIGTERM');
      await expect.poll(() => signal(0), { timeout: 30_000, interval: 50 }).toBe(false);
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});

describe('crash safety', () => {
  it('after SIGKILL mid-load, a restart on the same data has every acknowledged write and nothing half-written', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'razbor-crash-'));
    await chmod(dataDir, 0o755);
    const port = await freePort();
    child = await start(port);
    const token = (await gql(port, 'mutation { login(login: "expert1", password: "razbor-demo") { token } }', {})).data!.login.token!;
    const orgs = (await gql(port, '{ organisations { id kind } }', {}, token)).data!.organisations;
    const moId = orgs.find((o) => o.kind === 'MO')!.id;
    const bureauId = orgs.find((o) => o.kind === 'MSE_BUREAU')!.id;
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const register = `mutation($input: RegisterRefusalCaseInput!) { registerRefusalCase(input: $input) { result { id } errors { message } } }`;
    const worker = async () => {
      while (!stop) {
        const n = ++sent;
        const first15 = `8${String(n).padStart(14, '0')}`;
        const input = {
          person: { enp: `${first15}${enpCheckDigit(first15)}`, surname: 'Сбойный', name: 'Тест', birthDate: '1970-01-01', sex: 'MALE' },
          moId,
          bureauId,
          referralNumber: `088-${n}`,
          referralDate: '2024-05-01',
          refusalDate: '2024-05-20',
          refusalDocumentNumber: `С-${n}`,
          mainDiagnosis: 'I63.5',
          missingExaminations: [{ name: 'МРТ', namedByBureau: false }],
        };
        try {
          const body = await gql(port, register, { input }, token);
          const id = body.data?.registerRefusalCase?.result?.id;
          if (id) acknowledged.push(id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    // Killed mid-load once a few writes are acknowledged: on a busy machine 1,5 s held only 9 of them.
    const killAfter = Date.now() + 20_000;
    while (acknowledged.length < 20 && Date.now() < killAfter) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    child = await start(port);
    const pid = (await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
    const credentials = JSON.parse(await readFile(path.join(dataDir, 'pg-credentials.json'), 'utf8')) as { user: string; password: string };
    expect(credentials.password).not.toBe('razbor-local');
    const client = new pg.Client({ host: '127.0.0.1', port: Number(pid[3]), user: credentials.user, password: credentials.password, database: 'razbor' });
    await client.connect();
    try {
      const { rows: found } = await client.query('select id from refusal_case where id = any($1::uuid[])', [acknowledged]);
      expect(found.length).toBe(acknowledged.length);
      const { rows: halfWritten } = await client.query(
        `select c.id from refusal_case c where not exists (select 1 from case_history h where h.refusal_case_id = c.id and h.kind = 'REGISTERED')`,
      );
      expect(halfWritten).toEqual([]);
      const { rows: orphans } = await client.query(
        `select p.id from insured_person p where p.surname = 'Сбойный' and not exists (select 1 from refusal_case c where c.person_id = p.id)`,
      );
      expect(orphans).toEqual([]);
    } finally {
      await client.end();
    }
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    child = null;
  }, 120_000);
});

describe('the embedded database under a running server', () => {
  const postmasterPid = async () => Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const answers = async (port: number, token: string) => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (!health?.ok) return false;
    const me = await gql(port, '{ me { login } }', {}, token).catch(() => null);
    return me?.data?.me?.login === 'admin';
  };

  it('a killed postmaster is started again by the server, whose pool recovers by itself; a backup beside it stops nothing', async () => {
    child?.kill('SIGKILL');
    // The data directory the crash left behind serves again (a fresh one costs a whole first start);
    // run alone, this test makes its own.
    if (!dataDir) {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'razbor-supervise-'));
      await chmod(dataDir, 0o755);
    }
    const port = await freePort();
    child = await start(port);
    const token = (await gql(port, 'mutation { login(login: "admin", password: "crash-admin-password") { token } }', {})).data!.login.token!;
    expect(await answers(port, token)).toBe(true);

    const killed = await postmasterPid();
    process.kill(killed, 'SIGKILL');
    const started = Date.now();
    let recovered = false;
    while (!recovered && Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 250));
      recovered = await answers(port, token);
    }
    expect(recovered).toBe(true);
    expect(await postmasterPid()).not.toBe(killed);
    console.log(`postmaster killed: the API answered again after ${Date.now() - started} ms`);

    const beforeBackup = await postmasterPid();
    const env: NodeJS.ProcessEnv = { ...process.env, RAZBOR_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const backup = await promisify(execFile)(process.execPath, [path.join(root, 'dist/server/cli/backup.js'), path.join(dataDir, 'beside.jsonl.gz')], { env });
    expect(backup.stdout).toContain('Резервная копия записана');
    expect(await postmasterPid()).toBe(beforeBackup);
    expect(await answers(port, token)).toBe(true);
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    child = null;
  }, 120_000);
});
