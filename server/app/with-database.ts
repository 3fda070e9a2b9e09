import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import { createDatabaseIfMissing } from '../db/create-database.js';
import { startEmbeddedDatabase } from '../db/embedded.js';
import type { Logger } from '../logger.js';
import { openAppOrm } from './orm.js';

/** Runs a command-line task against the configured database: DATABASE_URL, or the embedded one. */
export async function withDatabase<T>(config: AppConfig, log: Logger, task: (orm: MikroORM) => Promise<T>, embeddedDatabaseName = 'razbor'): Promise<T> {
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(config.dataDir, log, config.embeddedDbPort);
  try {
    if (embedded) await createDatabaseIfMissing(embedded.adminUrl, embeddedDatabaseName);
    // Command-line work (migrations, imports, synthetic data) may run long: no statement timeout.
    const orm = await openAppOrm({ databaseUrl: config.databaseUrl ?? embedded!.urlFor(embeddedDatabaseName), statementTimeoutMs: 0, log });
    try {
      return await task(orm);
    } finally {
      await orm.close();
    }
  } finally {
    await embedded?.stop();
  }
}
