import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, join, sql } from './sql.js';

/**
 * Transaction-scoped advisory locks on named keys, taken in the order given and held until commit:
 * writers that must count before they write (sign-in attempts, upload quotas, active
 * administrators) take turns on the same key.
 */
export async function lockKeys(em: EntityManager, ...keys: string[]): Promise<void> {
  await execute(
    em,
    sql`select ${join(
      keys.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`),
      ', ',
    )}`,
  );
}
