import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../server/bootstrap/prepare.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../server/db/embedded.js';
import { openOrm } from '../server/db/orm.js';
import { createDatabaseIfMissing } from '../server/db/with-database.js';
import { createLogger } from '../server/logger.js';
import { TEST_ADMIN_PASSWORD } from './helpers/constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDatabase: string;
  }
}

/**
 * Starts one real PostgreSQL for the whole run (embedded, or RAZBOR_TEST_DATABASE_URL's server)
 * and prepares a template database; every test file then gets a fresh copy of it.
 */
export default async function setup(project: TestProject) {
  const log = createLogger('warn');
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let adminUrl = process.env.RAZBOR_TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'razbor-test-'));
    embedded = await startEmbeddedDatabase(dataDir, log);
    adminUrl = embedded.adminUrl;
  }
  const templateDatabase = `razbor_template_${process.pid}`;
  try {
    await createDatabaseIfMissing(adminUrl, templateDatabase);
    const templateUrl = new URL(adminUrl);
    templateUrl.pathname = `/${templateDatabase}`;
    const orm = await openOrm({ databaseUrl: templateUrl.toString(), statementTimeoutMs: 0 });
    try {
      await prepareDatabase(orm, { adminPassword: TEST_ADMIN_PASSWORD, loadDemo: false, demoPassword: 'unused-demo' }, log);
    } finally {
      await orm.close();
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
