import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import type pg from 'pg';
import { settingOrInit } from '../system/app-setting.service.js';
import { newSecret, type SigningKeys } from './token.service.js';

const CURRENT = 'jwt_secret';
const PREVIOUS = 'jwt_secret_previous';

/** The keys as they are now, read on a connection of their own (not counted against any request). */
export async function currentSigningKeys(pool: pg.Pool): Promise<SigningKeys> {
  const { rows } = await pool.query<{ key: string; value: string }>('select key, value from app_setting where key = any($1)', [[CURRENT, PREVIOUS]]);
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  return { current: value(CURRENT)!, previous: value(PREVIOUS) };
}

/** The keys kept in the database (generated at the first start). */
export async function storedSigningKeys(em: EntityManager): Promise<SigningKeys> {
  const current = await settingOrInit(em, CURRENT, newSecret);
  const [previous] = await execute<{ value: string }>(em, sql`select value from app_setting where key = ${PREVIOUS}`);
  return { current, previous: previous?.value ?? null };
}

/**
 * A new signing secret. Tokens signed with the one it replaces keep working until they expire
 * (nobody has to sign in again), unless `revokePrevious`: then every earlier token stops at once
 * and each user signs in once more. Every server process picks the new keys up within seconds.
 */
export async function rotateSigningKeys(em: EntityManager, revokePrevious: boolean): Promise<void> {
  await em.transactional(async (tx) => {
    const { current } = await storedSigningKeys(tx);
    await execute(tx, sql`delete from app_setting where key in (${CURRENT}, ${PREVIOUS})`);
    await execute(tx, sql`insert into app_setting (key, value) values (${CURRENT}, ${newSecret()})`);
    if (!revokePrevious) await execute(tx, sql`insert into app_setting (key, value) values (${PREVIOUS}, ${current})`);
  });
}
