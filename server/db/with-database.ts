import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { AppConfig } from '../config.js';
import { startEmbeddedDatabase } from './embedded.js';
import { openOrm } from './orm.js';
import type { Logger } from '../logger.js';

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Runs a command-line task against the configured database: DATABASE_URL, or the embedded one. */
export async function withDatabase<T>(config: AppConfig, log: Logger, task: (orm: MikroORM) => Promise<T>, embeddedDatabaseName = 'razbor'): Promise<T> {
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(config.dataDir, log, config.embeddedDbPort);
  try {
    if (embedded) await createDatabaseIfMissing(embedded.adminUrl, embeddedDatabaseName);
    // Command-line work (migrations, imports, synthetic data) may run long: no statement timeout.
    const orm = await openOrm({ databaseUrl: config.databaseUrl ?? embedded!.urlFor(embeddedDatabaseName), statementTimeoutMs: 0, log });
    try {
      return await task(orm);
    } finally {
      await orm.close();
    }
  } finally {
    await embedded?.stop();
  }
}
