import pg from 'pg';
import type { TestServer } from './server.js';

/** A row lock held by a transaction of the test's own, so that a write of the server's waits at that row. */
export interface HeldLock {
  /** Resolves once some transaction waits for this one (a write blocked at the row). */
  waitedFor(): Promise<void>;
  release(): Promise<void>;
}

/** Locks the rows `select` finds (`for update` is appended) until `release`. */
export async function holdRows(server: TestServer, select: string, params: unknown[]): Promise<HeldLock> {
  const holder = new pg.Client({ connectionString: server.razbor.databaseUrl });
  await holder.connect();
  await holder.query('begin');
  await holder.query(`${select} for update`, params);
  return {
    async waitedFor() {
      for (let tries = 0; ; tries++) {
        const waiting = await holder.query(`select 1 from pg_locks where locktype = 'transactionid' and not granted`);
        if (waiting.rowCount) return;
        if (tries > 200) throw new Error('nobody waited for the held rows in 10 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async release() {
      await holder.query('rollback');
      await holder.end();
    },
  };
}
