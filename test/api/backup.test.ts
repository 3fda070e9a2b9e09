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
import { addFinding, discuss, openExpertise } from '../helpers/expertise.js';
import { caseInput, recordReview, twoSidedWorld } from '../helpers/fixtures.js';
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

const FINGERPRINT = `select string_agg(t, ',' order by t) as f from (
  select c.relname || ':' || (xpath('/row/h/text()', query_to_xml(format('select md5(coalesce(string_agg(x::text, ''|'' order by x::text), '''')) as h from %I x', c.relname), false, true, '')))[1]::text as t
    from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r') s`;

describe('backup and restore', () => {
  it('npm run backup writes a consistent dump; npm run restore brings every record back into a fresh data directory', async () => {
    const world = await twoSidedWorld(server);
    const c = (await server.ok(RegisterRefusalCaseDocument, { input: caseInput(world.parties) }, world.tokens.expertA)).registerRefusalCase.result!;
    const e = await openExpertise(server, world.tokens.expertA, { caseId: c.id, type: 'EKMP', kind: 'TARGETED', startDate: '2024-04-01' });
    const f = (await addFinding(server, world.tokens.expertA, { expertiseId: e.id, code: '3.2.1', description: 'x', careEpisode: 'y', careKind: 'INPATIENT', tariff: '123.45' })).result!;
    await discuss(server, world.tokens.expertA, e.id, '2024-05-06');
    await recordReview(server, world.tokens.moA, c.id, { findingOpinions: [{ findingId: f.id, agrees: true }] });
    const [{ f: original }] = await server.sql<{ f: string }>(FINGERPRINT);

    const file = path.join(work, 'copy.jsonl.gz');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    delete env.RAZBOR_TODAY;
    await run(process.execPath, [path.join(root, 'dist/server/cli/backup.js'), file], { env: { ...env, DATABASE_URL: server.razbor.databaseUrl } });
    const fresh = path.join(work, 'fresh');
    delete env.DATABASE_URL;
    const restored = await run(process.execPath, [path.join(root, 'dist/server/cli/restore.js'), file, '--yes'], { env: { ...env, RAZBOR_DATA_DIR: fresh } });
    expect(restored.stdout).toContain('Восстановлено');

    const cluster = await startEmbeddedDatabase(fresh, createLogger('warn'));
    const client = new pg.Client({ connectionString: cluster.urlFor('razbor') });
    await client.connect();
    try {
      const { rows } = await client.query<{ f: string }>(FINGERPRINT);
      expect(rows[0].f).toBe(original);
      const { rows: cases } = await client.query('select number from refusal_case where id = $1', [c.id]);
      expect(cases).toEqual([{ number: c.number }]);
    } finally {
      await client.end();
      await cluster.stop();
    }
  }, 120_000);
});
