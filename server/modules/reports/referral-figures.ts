import { execute, raw, sql, type Executor, type Sql } from '../../db/sql.js';
import { percent } from '../../shared/percent.js';
import { workingDaysBetweenSql } from '../calendar/working-calendar.js';
import { acceptedReferralOnSql, resubmittedPromptlySql } from '../referrals/referral.rules.js';
import type { ReportFrame } from './report.service.js';
import type { ReferralLossRow, ReferralSection } from './report.types.js';

type Row = Record<string, unknown>;
const num = (value: unknown) => Number(value ?? 0);

/**
 * The quarter's cases with a recorded referral (`lost`, a row per case): the day the bureau accepted
 * it, the days lost since the first referral (calendar and working, as the rules define them), and
 * whether it was sent again within 30 days of the bureau's first answer.
 */
export function referralStoryCte(frame: ReportFrame): Sql {
  const { current } = frame;
  return sql`with story as materialized (
          select c.id as case_id, c.mo_id, r.sent_on, ${raw(acceptedReferralOnSql('r'))} as accepted_on, ${raw(resubmittedPromptlySql('r'))} as prompt
            from refusal_case c join referral r on r.refusal_case_id = c.id
           where c.refusal_date between ${current.from} and ${current.to} and ${frame.cases()}),
        lost as (
          select s.*, s.accepted_on - s.sent_on as calendar_days, ${raw(workingDaysBetweenSql('s.sent_on', 's.accepted_on'))} as working_days
            from story s)`;
}

/** Per MO and in total, the days lost and the share sent again within 30 days (`referralStoryCte`). One statement. */
export async function referralSection(db: Executor, frame: ReportFrame): Promise<ReferralSection> {
  const rows = await execute<Row>(
    db,
    sql`${referralStoryCte(frame)}
     select grouping(l.mo_id) as total, l.mo_id, min(o.short_name) as label, count(*) as recorded, count(l.accepted_on) as accepted,
            coalesce(sum(l.calendar_days), 0) as calendar_days, round(avg(l.calendar_days), 1)::float as average_days,
            case when count(l.accepted_on) = 0 then 0 when bool_and(l.working_days is not null or l.accepted_on is null) then sum(l.working_days) end as working_days,
            count(l.prompt) as answered, count(*) filter (where l.prompt) as prompt
       from lost l join organisation o on o.id = l.mo_id
      group by grouping sets ((l.mo_id), ())
      order by 1, 3`,
  );
  const toRow = (r: Row | undefined, key: string, label: string): ReferralLossRow => ({
    key,
    label,
    recorded: num(r?.recorded),
    accepted: num(r?.accepted),
    calendarDaysLost: num(r?.calendar_days),
    averageCalendarDaysLost: (r?.average_days as number | null | undefined) ?? null,
    workingDaysLost: r ? (r.working_days === null ? null : num(r.working_days)) : 0,
    answered: num(r?.answered),
    resubmittedWithin30: num(r?.prompt),
    resubmittedWithin30Percent: percent(num(r?.prompt), num(r?.answered)),
  });
  const total = rows.find((r) => num(r.total) === 1);
  return {
    byMo: rows.filter((r) => num(r.total) === 0).map((r) => toRow(r, String(r.mo_id), String(r.label))),
    total: toRow(total, 'total', 'Итого'),
  };
}
