import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
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
const caseNumberSql = (year: string, sequence: string) => `'МСЭ-' || ${year} || '-' || lpad(${sequence}::text, 6, '0')`;

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

/** A statement part that takes one case number, as the column `number`, for a `with` clause. */
export const takeCaseNumber = (year: number): Sql => advanceCounter(year, 1, `${caseNumberSql('year', 'last')} as number`);

/** Reserves `count` consecutive case numbers of the year within the caller's transaction. */
export async function reserveCaseNumbers(em: EntityManager, year: number, count = 1): Promise<string[]> {
  const advance = advanceCounter(year, count, 'year, last');
  const rows = await em.execute<{ number: string }[]>(
    `with advanced as (${advance.sql})
     select ${caseNumberSql('advanced.year', 'n')} as number
       from advanced, generate_series(advanced.last - ? + 1, advanced.last) n
      order by n`,
    [...advance.params, count],
  );
  return rows.map((r) => r.number);
}
