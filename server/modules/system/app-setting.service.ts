import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Returns the stored value of a setting, storing `initial` first when there is none.
 * Safe when several servers start at once: the first insert wins and all read the same value.
 */
export async function settingOrInit(em: EntityManager, key: string, initial: () => string): Promise<string> {
  await em.execute('insert into app_setting (key, value) values (?, ?) on conflict (key) do nothing', [key, initial()]);
  const [row] = await em.execute<{ value: string }[]>('select value from app_setting where key = ?', [key]);
  return row.value;
}
