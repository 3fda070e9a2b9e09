import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, raw, sql } from '../../db/sql.js';
import { caseScopeSql } from '../../access/records.js';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

import type { Viewer } from '../auth/viewer.js';
import { percent } from '../../shared/percent.js';
import { quarterBounds } from '../../shared/quarters.js';

@ObjectType({ description: 'Охват комиссионными разборами и их своевременность по МО за квартал' })
export class ReviewCoverageRow {
  @Field(() => ID)
  moId!: string;

  @Field()
  moName!: string;

  @Field(() => Int, { description: 'Случаев отказа' })
  cases!: number;

  @Field(() => Int, { description: 'Разобрано комиссией' })
  reviewed!: number;

  @Field(() => Int, { description: 'Разобрано в срок' })
  reviewedOnTime!: number;

  @Field(() => Float, { description: 'Охват, % (разобрано / случаев)' })
  coveragePercent!: number;

  @Field(() => Float, { nullable: true, description: 'Доля разобранных в срок, % от разобранных' })
  onTimePercent!: number | null;
}

/** A review is on time when its protocol is dated on or before the case's review due date (SQL over two columns). */
export const reviewedOnTimeSql = (dueOn: string, protocolDate: string) => `${dueOn} is not null and ${protocolDate} <= ${dueOn}`;

/** Coverage = reviewed cases / cases; the on-time share is of the reviewed ones. */
export function coverageFigures(cases: number, reviewed: number, reviewedOnTime: number) {
  return {
    cases,
    reviewed,
    reviewedOnTime,
    coveragePercent: percent(reviewed, cases) ?? 0,
    onTimePercent: percent(reviewedOnTime, reviewed),
  };
}

/** Coverage and on-time share of the commission reviews by MO, in SQL. */
export async function reviewCoverage(em: EntityManager, viewer: Viewer, year: number, quarter: number): Promise<ReviewCoverageRow[]> {
  const { from, to } = quarterBounds(year, quarter);
  const rows = await execute<{ mo_id: string; mo_name: string; cases: string; reviewed: string; on_time: string }>(
    em,
    sql`select c.mo_id, o.short_name as mo_name, count(*) as cases, count(r.id) as reviewed,
            count(r.id) filter (where ${raw(reviewedOnTimeSql('c.review_due_on', 'r.protocol_date'))}) as on_time
       from refusal_case c
       join organisation o on o.id = c.mo_id
       left join commission_review r on r.refusal_case_id = c.id
      where c.refusal_date between ${from} and ${to} and ${caseScopeSql(viewer)}
      group by c.mo_id, o.short_name
      order by o.short_name`,
  );
  return rows.map((r) => ({ moId: r.mo_id, moName: r.mo_name, ...coverageFigures(Number(r.cases), Number(r.reviewed), Number(r.on_time)) }));
}
