import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { caseScopeSql } from '../cases/refusal-case.service.js';
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

/** Coverage = reviewed cases / cases; on time = protocol on or before the due date; by MO, in SQL. */
export async function reviewCoverage(em: EntityManager, viewer: Viewer, year: number, quarter: number): Promise<ReviewCoverageRow[]> {
  const { from, to } = quarterBounds(year, quarter);
  const scope = caseScopeSql(viewer);
  const rows = await em.execute<Array<{ mo_id: string; mo_name: string; cases: string; reviewed: string; on_time: string }>>(
    `select c.mo_id, o.short_name as mo_name, count(*) as cases, count(r.id) as reviewed,
            count(r.id) filter (where c.review_due_on is not null and r.protocol_date <= c.review_due_on) as on_time
       from refusal_case c
       join organisation o on o.id = c.mo_id
       left join commission_review r on r.refusal_case_id = c.id
      where c.refusal_date between ? and ? and ${scope.sql}
      group by c.mo_id, o.short_name
      order by o.short_name`,
    [from, to, ...scope.params],
  );
  return rows.map((r) => {
    const [cases, reviewed, onTime] = [Number(r.cases), Number(r.reviewed), Number(r.on_time)];
    return {
      moId: r.mo_id,
      moName: r.mo_name,
      cases,
      reviewed,
      reviewedOnTime: onTime,
      coveragePercent: percent(reviewed, cases) ?? 0,
      onTimePercent: percent(onTime, reviewed),
    };
  });
}
