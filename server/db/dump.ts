import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';

/**
 * A logical dump of every table of the public schema, as gzipped JSON lines: a header, then for
 * each table a line naming it and its columns, then its rows (one JSON object per line). Read in
 * one REPEATABLE READ transaction, so the dump is consistent; written back by PostgreSQL's own
 * json_populate_recordset, so every type round-trips as PostgreSQL renders it.
 */
export const DUMP_FORMAT = 'razbor-dump/1';
const BATCH = 1000;
/** Rows move in batches of at most this many bytes of JSON: a table of 10 MB attachments goes row by row. */
const BATCH_BYTES = 8 * 1024 * 1024;

/** How many rows of a table make about BATCH_BYTES, from the table's average row size. */
async function rowsPerFetch(client: pg.Client, table: string): Promise<number> {
  const { rows } = await client.query<{ size: string | null }>(
    `select avg(pg_column_size(t.*))::bigint as size from (select * from ${quote(table)} limit 100) t`,
  );
  const average = Number(rows[0].size ?? 0);
  // JSON renders bytea as hex: twice the stored size, and more.
  return average ? Math.max(1, Math.min(BATCH, Math.floor(BATCH_BYTES / (average * 2.5)))) : BATCH;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tables(client: pg.Client): Promise<Array<{ name: string; columns: string[] }>> {
  const { rows } = await client.query<{ table_name: string; columns: string[] }>(
    `select c.relname as table_name, array_agg(a.attname::text order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      where n.nspname = 'public' and c.relkind = 'r'
      group by c.relname order by c.relname`,
  );
  return rows.map((r) => ({ name: r.table_name, columns: r.columns }));
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>('select name from mikro_orm_migrations order by id');
  return rows.map((r) => r.name);
}

export async function dumpDatabase(client: pg.Client, file: string): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = gzip.pipe(createWriteStream(file));
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  await client.query('begin isolation level repeatable read read only');
  try {
    await write({ format: DUMP_FORMAT, createdAt: new Date().toISOString(), migrations: await appliedMigrations(client) });
    for (const table of await tables(client)) {
      await write({ table: table.name, columns: table.columns });
      counts[table.name] = 0;
      const select = table.columns.map(quote).join(', ');
      const perFetch = await rowsPerFetch(client, table.name);
      await client.query(`declare dump_cursor no scroll cursor for select row_to_json(t)::text as row from (select ${select} from ${quote(table.name)}) t`);
      for (;;) {
        const { rows } = await client.query<{ row: string }>(`fetch ${perFetch} from dump_cursor`);
        for (const { row } of rows) {
          if (!gzip.write(`${row}\n`)) await once(gzip, 'drain');
        }
        counts[table.name] += rows.length;
        if (rows.length < perFetch) break;
      }
      await client.query('close dump_cursor');
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  gzip.end();
  await once(out, 'finish');
  return counts;
}

/**
 * Replaces every table's rows with the dump's, in one transaction. Triggers (foreign keys and the
 * guards of signed records) are off for it, so the restoring role must be a superuser.
 */
export async function restoreDatabase(client: pg.Client, file: string): Promise<Record<string, number>> {
  const present = new Map((await tables(client)).map((t) => [t.name, t.columns]));
  const migrations = await appliedMigrations(client);
  const counts: Record<string, number> = {};
  let current: { name: string; columns: string[] } | null = null;
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!current || batch.length === 0) return;
    const columns = current.columns.map(quote).join(', ');
    await client.query(
      `insert into ${quote(current.name)} (${columns}) select ${columns} from json_populate_recordset(null::${quote(current.name)}, $1::json)`,
      [`[${batch.join(',')}]`],
    );
    counts[current.name] += batch.length;
    batch = [];
    batchBytes = 0;
  };
  await client.query('begin');
  try {
    await client.query('set local session_replication_role = replica');
    await client.query(`truncate ${[...present.keys()].map(quote).join(', ')}`);
    let header = true;
    // Created only now: lines read before the loop starts would be lost.
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      if (header) {
        const head = JSON.parse(line) as { format?: string; migrations?: string[] };
        if (head.format !== DUMP_FORMAT) throw new Error('Это не файл резервной копии Razbor');
        // Rows fit only the schema they were dumped from.
        if (JSON.stringify(head.migrations) !== JSON.stringify(migrations)) {
          throw new Error('Копия сделана на другой версии схемы базы: восстановите её в Razbor той же версии');
        }
        header = false;
        continue;
      }
      if (line.startsWith('{"table":')) {
        await flush();
        const next = JSON.parse(line) as { table: string; columns: string[] };
        if (!present.has(next.table)) throw new Error(`В базе нет таблицы ${next.table}: примените миграции той же версии`);
        current = { name: next.table, columns: next.columns };
        counts[next.table] = 0;
        continue;
      }
      batch.push(line);
      batchBytes += line.length;
      if (batch.length >= BATCH || batchBytes >= BATCH_BYTES) await flush();
    }
    await flush();
    // Serial columns continue after the restored rows.
    await client.query(
      `select setval(pg_get_serial_sequence(quote_ident(c.table_name), c.column_name),
                     greatest(coalesce((xpath('/row/m/text()', query_to_xml(format('select max(%I) as m from %I', c.column_name, c.table_name), false, true, '')))[1]::text::bigint, 0), 1))
         from information_schema.columns c
        where c.table_schema = 'public' and pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) is not null`,
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  return counts;
}
