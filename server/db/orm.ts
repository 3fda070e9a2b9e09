import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations/index.js';
import type { Logger } from '../logger.js';
import type { EntityClass } from '@mikro-orm/core';

/** A connection a worker opens for itself: the API's own role, with the API's statement timeout. */
export interface DatabaseAccess {
  url: string;
  statementTimeoutMs: number;
}

export interface OrmSettings {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: Array<EntityClass<any>>;
  databaseUrl: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  log?: Logger;
}

export function ormOptions(settings: OrmSettings): Options {
  // 0 disables the timeout: for migrations and bulk command-line work, never for the API.
  const statementTimeout = settings.statementTimeoutMs ?? 15000;
  return defineConfig({
    clientUrl: settings.databaseUrl,
    entities: settings.entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: {
      min: 0,
      max: settings.poolMax ?? 10,
      // No statement may hold a connection forever. No parallel workers: the API runs many
      // statements at once on few cores (a report's sections side by side), and workers of one
      // take the cores the others need (one SMO's report ≈ 10–15 % faster without them).
      // 32 MB of work memory keeps a search's bitmap of an SMO's matches exact over years of
      // archive: with PostgreSQL's 4 MB a common surname's total rechecked 1,3 M rows (1,4 s at
      // 4 M cases; 0,2 s exact).
      afterCreate: (connection: { query: (sql: string, cb: (err: Error | null) => void) => void }, done: (err: Error | null, c: unknown) => void) =>
        connection.query(`set statement_timeout = ${Number(statementTimeout)}; set max_parallel_workers_per_gather = 0; set work_mem = '32MB'`, (err) =>
          done(err, connection),
        ),
    },
    // The API role's password lives there, out of the API role's reach (db/api-role.ts).
    schemaGenerator: { ignoreSchema: ['razbor_private'] },
    migrations: {
      migrationsList: migrationsList,
      path: 'migrations',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    // LOG_LEVEL=trace logs every SQL statement with its duration (never its parameters: they hold personal data).
    debug: settings.log?.isLevelEnabled('trace') ? ['query'] : false,
    colors: false,
    logger: (message) => settings.log?.trace({ source: 'orm' }, message),
  });
}

export async function openOrm(settings: OrmSettings): Promise<MikroORM> {
  return MikroORM.init(ormOptions(settings));
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
