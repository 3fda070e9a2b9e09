import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Last case number issued per year; numbers are taken under the row lock, never twice. */
@Entity({ tableName: 'case_number_counter' })
export class CaseNumberCounter {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'integer' })
  last!: number;
}

export const formatCaseNumber = (year: number, sequence: number) => `МСЭ-${year}-${String(sequence).padStart(6, '0')}`;

/** Reserves `count` consecutive case numbers of the year within the caller's transaction. */
export async function reserveCaseNumbers(em: EntityManager, year: number, count = 1): Promise<string[]> {
  const [row] = await em.execute<{ last: number }[]>(
    `insert into case_number_counter (year, last) values (?, ?)
     on conflict (year) do update set last = case_number_counter.last + excluded.last
     returning last`,
    [year, count],
  );
  const first = row.last - count + 1;
  return Array.from({ length: count }, (_, i) => formatCaseNumber(year, first + i));
}
