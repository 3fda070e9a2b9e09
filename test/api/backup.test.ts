import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterRefusalCaseDocument } from '../../client/generated/graphql.js';
import { startEmbeddedDatabase } from '../../server/db/embedded.js';
import { createLogger } from '../../server/logger.js';
import { caseWithFinding, discuss } from '../helpers/expertise.js';
import { caseInput, recordReview, twoSidedWorld } from '../helpers/fixtures.js';
import { atScale } from '../helpers/test-size.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let server: TestServer;
let work: string;

beforeAll(async () => {
  server = await startTestServer();
  work = await mkdtemp(path.join(os.tmpdir(), 'razbor-backup-'));
  await chmod(work, 0o755);
});
afterAll(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every table's rows hashed one by one, then the hashes: no table-sized string is ever built. */
const FINGERPRINT = `select string_agg(t, ',' order by t) as f from (
  select c.relname || ':' || (xpath('/row/h/text()', query_to_xml(format('select md5(coalesce(string_agg(md5(x::text), ''|'' order by md5(x::text)), '''')) as h from %I x', c.relname), false, true, '')))[1]::text as t
    from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r') s`;

/**
 * Backs the test server's database up with `npm run backup`, restores it with `npm run restore`
 * into a fresh data directory, and hands the restored database to `check` after comparing every
 * table's fingerprint with the original's. Returns the two durations.
 */
async function backupAndRestore(name: string, check: (client: pg.Client) => Promise<void> = async () => {}) {
  const [{ f: original }] = await server.sql<{ f: string }>(FINGERPRINT);
  const file = path.join(work, `${name}.jsonl.gz`);
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.RAZBOR_TODAY;
  delete env.DATABASE_URL;
  const started = Date.now();
  await run(process.execPath, [path.join(root, 'dist/server/cli/backup.js'), file], { env: { ...env, DATABASE_URL: server.razbor.databaseUrl } });
  const dumped = Date.now();
  const fresh = path.join(work, `fresh-${name}`);
  const restored = await run(process.execPath, [path.join(root, 'dist/server/cli/restore.js'), file, '--yes'], { env: { ...env, RAZBOR_DATA_DIR: fresh } });
  expect(restored.stdout).toContain('Восстановлено');
  const durations = { backupMs: dumped - started, restoreMs: Date.now() - dumped };

  const cluster = await startEmbeddedDatabase(fresh, createLogger('warn'));
  const client = new pg.Client({ connectionString: cluster.urlFor('razbor') });
  await client.connect();
  try {
    const { rows } = await client.query<{ f: string }>(FINGERPRINT);
    expect(rows[0].f).toBe(original);
    await check(client);
  } finally {
    await client.end();
    await cluster.stop();
  }
  return durations;
}

describe('backup and restore', () => {
  it('npm run backup writes a consistent dump; npm run restore brings every record back into a fresh data directory', async () => {
    const world = await twoSidedWorld(server);
    const { refusalCase: c, expertise: e, finding: f } = await caseWithFinding(server, world, '123.45');
    await discuss(server, world.tokens.expertA, e.id, '2024-05-06');
    await recordReview(server, world.tokens.moA, c.id, { findingOpinions: [{ findingId: f.id, agrees: true }] });
    await backupAndRestore('copy', async (client) => {
      const { rows: cases } = await client.query('select number from refusal_case where id = $1', [c.id]);
      expect(cases).toEqual([{ number: c.number }]);
    });
  }, 120_000);
});

describe('backup and restore at size', () => {
  // 310 MB in CI; a quarter locally (RAZBOR_TEST_SCALE=1 for the full size): still far more than one batch.
  const files = atScale(31, 8);
  it(`a dump holding ${files * 10} MB of attachments is restored into a fresh data directory, every table alike`, async () => {
    const world = await twoSidedWorld(server);
    const c = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, world.tokens.expertA)).registerRefusalCase.result!;
    const [{ id: user }] = await server.sql<{ id: string }>(`select id from app_user where login = 'admin'`);
    // Files of 10 MB, each different (its number repeated), written by the owner's hand.
    await server.sql(
      `insert into attachment (id, owner_type, owner_id, refusal_case_id, file_name, content_type, size, sha256, content, uploaded_by_id)
       select gen_random_uuid(), 'CASE', $1, $1, 'скан-' || g || '.pdf', 'application/pdf', 10485760, md5(g::text), decode(repeat(lpad(to_hex(g), 2, '0'), 10485760), 'hex'), $2
         from generate_series(1, $3::int) g`,
      [c.id, user, files],
    );
    const [{ total }] = await server.sql<{ total: string }>(`select sum(octet_length(content)) as total from attachment`);
    expect(Number(total)).toBe(files * 10 * 1024 * 1024);
    const { backupMs, restoreMs } = await backupAndRestore('large');
    console.log(`${files * 10} MB of attachments: backup ${backupMs} ms, restore into a fresh data directory ${restoreMs} ms`);
  }, 600_000);
});
