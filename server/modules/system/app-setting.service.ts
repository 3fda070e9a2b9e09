import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';

/**
 * Returns the stored value of a setting, storing `initial` first when there is none.
 * Safe when several servers start at once: the first insert wins and all read the same value.
 */
export async function settingOrInit(em: EntityManager, key: string, initial: () => string): Promise<string> {
  await execute(em, sql`insert into app_setting (key, value) values (${key}, ${initial()}) on conflict (key) do nothing`);
  const [row] = await execute<{ value: string }>(em, sql`select value from app_setting where key = ${key}`);
  return row.value;
}
