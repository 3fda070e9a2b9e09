import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** A statement (or a piece of one) with `?` placeholders and its parameters, in order. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/** A column value written as SQL rather than sent as a parameter. */
export class SqlExpression implements Sql {
  constructor(
    readonly sql: string,
    readonly params: unknown[] = [],
  ) {}
}

export const sqlExpression = (sql: string, params: unknown[] = []) => new SqlExpression(sql, params);

/**
 * A PostgreSQL array literal (`{"a","b"}`) for a parameter: the ORM inlines parameters into the
 * statement and has no form for arrays.
 */
export const arrayLiteral = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

const columnNames = new Map<string, string>();

/** A property's column under the ORM's naming strategy, worked out once per property name. */
function columnOf(property: string): string {
  let column = columnNames.get(property);
  if (column === undefined) {
    column = property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    columnNames.set(property, column);
  }
  return column;
}

/** Column names of the ORM's naming strategy: `referralDate` → `referral_date`, `personId` → `person_id`. */
export function asColumns(row: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(row)) columns[columnOf(property)] = value;
  return columns;
}

/** A value's place in a statement: `?` with the value added to the parameters, or an expression with its own. */
function placeValue(value: unknown, params: unknown[]): string {
  if (!(value instanceof SqlExpression)) {
    params.push(value);
    return '?';
  }
  for (const param of value.params) params.push(param);
  return value.sql;
}

/** Fragments one after another, with a separator between them. */
export function join(parts: Sql[], separator: string): Sql {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

/**
 * `insert into table (columns) values (…), (…)` for rows of column values, all with the columns
 * of the first row. JSON columns take `JSON.stringify`ed text: the driver would send a JS array
 * as a PostgreSQL array.
 */
export function insertRows(table: string, rows: Array<Record<string, unknown>>): Sql {
  const columns = Object.keys(rows[0]);
  // Thousands of rows of thirty columns each: one list of parameters, no fragment per cell.
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => placeValue(row[column], params)).join(', ')})`);
  return { sql: `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params };
}

/** `update table set a = ?, b = ? where id = ?` for the given column values. */
export function updateById(table: string, id: string, values: Record<string, unknown>): Sql {
  const params: unknown[] = [];
  const assignments = Object.entries(values).map(([column, value]) => `${column} = ${placeValue(value, params)}`);
  return { sql: `update ${table} set ${assignments.join(', ')} where id = ?`, params: [...params, id] };
}

/**
 * Several writes as one statement, `with a as (…), b as (…) <main>`: one round trip, atomic
 * without a transaction around it, and PostgreSQL checks the foreign keys between them at its end.
 * Absent (null) parts are left out.
 */
export function withStatements(parts: Record<string, Sql | null>, main: Sql): Sql {
  const present = Object.entries(parts).filter((entry): entry is [string, Sql] => entry[1] !== null);
  if (present.length === 0) return main;
  const ctes = join(
    present.map(([name, part]) => ({ sql: `${name} as (${part.sql})`, params: part.params })),
    ', ',
  );
  return { sql: `with ${ctes.sql} ${main.sql}`, params: [...ctes.params, ...main.params] };
}

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A `case` expression that reads an enum column as its Russian labels, from the enum's one label map. */
export const labelSql = (column: string, labels: Record<string, string>): string =>
  `case ${column} ${Object.entries(labels)
    .map(([value, label]) => `when ${quoted(value)} then ${quoted(label)}`)
    .join(' ')} end`;

const isSql = (value: unknown): value is Sql =>
  typeof value === 'object' && value !== null && typeof (value as Sql).sql === 'string' && Array.isArray((value as Sql).params);

/**
 * A statement written as a template: each `${value}` becomes a parameter where it stands, and an
 * `Sql` fragment (a scope, a predicate, `raw` text) is spliced in with its own parameters — so no
 * list of parameters is ever kept in the order of the placeholders by hand.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  const params: unknown[] = [];
  let text = strings[0];
  values.forEach((value, i) => {
    if (isSql(value)) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return { sql: text, params };
}

/** SQL text of the code's own making (column names, generated expressions), never a user's value. */
export const raw = (text: string): Sql => ({ sql: text, params: [] });

/**
 * A lateral subquery kept as a lookup by key for each outer row, aliased `alias`. Without `offset 0`
 * the planner may turn it into a join and hash the whole table behind it (every review, person or
 * expertise of the archive) to meet one quarter's rows: a cost that grows with the archive. An
 * expression it selects is also computed once per row, not once per use above it.
 */
export const lookedUp = (alias: string, query: Sql): Sql => sql`lateral (${query} offset 0) ${raw(alias)}`;

/** A fragment only when the condition holds. */
export const when = (condition: unknown, fragment: () => Sql): Sql => (condition ? fragment() : raw(''));

/** Whatever runs a statement: an EntityManager, or one that queues its statements. */
export interface Executor {
  execute: (sql: string, params: unknown[]) => Promise<unknown>;
}

/** Runs a statement built with `sql` and answers its rows. */
export const execute = <T extends object>(em: Executor, statement: Sql): Promise<T[]> => em.execute(statement.sql, statement.params) as Promise<T[]>;

/** Rows a statement of `insertRowsInBatches`: a few megabytes of JSON. */
const JSON_BATCH_ROWS = 5000;

/**
 * Inserts tens of thousands of rows (all with the columns of the first), a few thousand a statement,
 * each batch one JSON value bound as a parameter that PostgreSQL unpacks (`json_populate_recordset`).
 * Not `execute`: MikroORM writes every parameter into the statement's text through `pg`'s
 * `escapeLiteral`, character by character, which for megabytes is seconds of garbage collection (a
 * dictionary of the register: 1,8 s against 0,7 s). JSON columns take objects here, not text.
 */
export async function insertRowsInBatches(em: EntityManager, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).join(', ');
  const statement = `insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, ?::json)`;
  const transaction = em.getTransactionContext<Knex.Transaction>();
  for (let i = 0; i < rows.length; i += JSON_BATCH_ROWS) {
    const query = em.getKnex().raw(statement, [JSON.stringify(rows.slice(i, i + JSON_BATCH_ROWS))]);
    if (transaction) void query.transacting(transaction);
    await query;
  }
}
