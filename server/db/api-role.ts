import { randomBytes } from 'node:crypto';
import { execute, sql } from './sql.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';

/**
 * Tables the API only appends to: their rows are never updated or deleted by anyone (triggers
 * refuse it too, for every role but the owner that could drop them).
 */
const APPEND_ONLY = ['case_history'];

/**
 * The API connects as a role of its own that owns nothing: it reads and writes rows, and cannot
 * truncate, alter or drop a table, touch a trigger, switch `session_replication_role`, run
 * `COPY … PROGRAM` or read the migrations' bookkeeping. Migrations and command-line tools keep the
 * configured (owner) role. The role is named after the database (`razbor_api` for `razbor`); its
 * password is generated once and kept in a schema the role itself cannot read.
 */
export async function ensureApiRole(orm: MikroORM, ownerUrl: string, log: Logger): Promise<string> {
  const connection = orm.em.getConnection();
  // Two server processes starting together would alter the role at once («tuple concurrently updated»).
  // The maintenance connection is one session (a pool of one), so a session lock holds across the statements.
  await connection.execute(`select pg_advisory_lock(hashtext('razbor_api_role'))`);
  try {
    return await prepareApiRole(connection, ownerUrl, log);
  } finally {
    await connection.execute(`select pg_advisory_unlock(hashtext('razbor_api_role'))`);
  }
}

async function prepareApiRole(connection: ReturnType<MikroORM['em']['getConnection']>, ownerUrl: string, log: Logger): Promise<string> {
  const [{ database }] = await connection.execute<Array<{ database: string }>>('select current_database() as database');
  const role = `${database.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_api`.slice(0, 63);
  await connection.execute(`create schema if not exists razbor_private`);
  await connection.execute(`create table if not exists razbor_private.credential (key text primary key, value text not null)`);
  await execute(
    connection,
    sql`insert into razbor_private.credential (key, value) values ('api_role_password', ${randomBytes(24).toString('base64url')}) on conflict (key) do nothing`,
  );
  const [{ value: password }] = await connection.execute<Array<{ value: string }>>(
    `select value from razbor_private.credential where key = 'api_role_password'`,
  );
  const attributes = `login password '${password}' nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls`;
  await connection.execute(
    `do $$ begin
       if exists (select 1 from pg_roles where rolname = '${role}') then alter role "${role}" ${attributes};
       else create role "${role}" ${attributes}; end if;
     end $$`,
  );
  for (const statement of [
    `revoke all on schema razbor_private from public`,
    `grant connect on database "${database}" to "${role}"`,
    `grant usage on schema public to "${role}"`,
    `revoke create on schema public from "${role}"`,
    `grant select, insert, update, delete on all tables in schema public to "${role}"`,
    `revoke truncate, references, trigger on all tables in schema public from "${role}"`,
    `revoke all on mikro_orm_migrations from "${role}"`,
    ...APPEND_ONLY.map((table) => `revoke update, delete on "${table}" from "${role}"`),
    `grant usage, select, update on all sequences in schema public to "${role}"`,
  ]) {
    await connection.execute(statement);
  }
  log.debug({ role }, 'API database role ready');
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
