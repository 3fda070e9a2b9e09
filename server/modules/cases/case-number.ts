import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { Sql } from '../../db/sql.js';

/** Last case number issued per year; numbers are taken under the row lock, never twice. */
@Entity({ tableName: 'case_number_counter' })
export class CaseNumberCounter {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'integer' })
  last!: number;
}

/** The case number of a year and a sequence number, e.g. МСЭ-2024-000123, as SQL. */
const caseNumberSql = (year: string, sequence: string) => `'МСЭ-' || ${year} || '-' || lpad((${sequence})::text, 6, '0')`;

/**
 * Takes the next `count` numbers of the year: the counter row stays locked until the statement's
 * (or the caller's) transaction ends, so numbers are consecutive and never issued twice.
 */
const advanceCounter = (year: number, count: number, returning: string): Sql => ({
  sql: `insert into case_number_counter (year, last) values (?, ?)
        on conflict (year) do update set last = case_number_counter.last + excluded.last
        returning ${returning}`,
  params: [year, count],
});

/** A statement part that takes the next `count` numbers of the year, for a `with` clause named `taken`. */
export const takeCaseNumbers = (year: number, count: number): Sql => advanceCounter(year, count, 'year, last');

/** The `index`-th (from 0) of `count` numbers taken by `takeCaseNumbers`, as a SQL expression. */
export const takenNumberSql = (index: number, count: number) => `(select ${caseNumberSql('year', `last - ${Number(count) - 1 - Number(index)}`)} from taken)`;

/**
 * Takes the next `count` numbers of the year ahead of a bulk write, answering the numbers in order
 * (column `number`): the import's writes of hundreds of cases then carry them as values.
 */
const takeCaseNumbersAhead = (year: number, count: number): Sql => {
  const taken = advanceCounter(year, count, 'year, last');
  return {
    sql: `with taken as (${taken.sql})
          select ${caseNumberSql('year', `last - ${Number(count)} + ordinal`)} as number
            from taken cross join generate_series(1, ${Number(count)}) as ordinal order by ordinal`,
    params: taken.params,
  };
};

/**
 * Numbers for a spreadsheet import's write, taken in a statement of its own on another connection of
 * the pool and committed at once. Taken inside the import's transaction, the counter's lock would be
 * held to its end — a minute for 100 000 rows, every registration of the region waiting behind it.
 * The cost: numbers taken by an import that then fails are not issued to anyone (a gap in the year's
 * series); registrations, written with their numbers in one statement, leave none.
 */
export async function takeCaseNumbersApart(em: EntityManager, year: number, count: number): Promise<string[]> {
  const { sql, params } = takeCaseNumbersAhead(year, count);
  const taken = await em
    .getConnection()
    .getKnex()
    .raw<{ rows: Array<{ number: string }> }>(sql, params as Knex.RawBinding[]);
  return taken.rows.map((row) => row.number);
}
