import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, raw, sql } from '../../db/sql.js';
import { percent } from '../../shared/percent.js';
import { workingDaysBetweenSql } from '../calendar/working-calendar.js';
import { acceptedReferralOnSql, resubmittedPromptlySql } from '../referrals/referral.rules.js';
import type { ReportFrame } from './report.service.js';
import type { ReferralLossRow, ReferralSection } from './report.types.js';

type Row = Record<string, unknown>;
const num = (value: unknown) => Number(value ?? 0);

/**
 * Per MO and in total, the quarter's cases with a recorded referral: days lost between the first
 * referral and the one the bureau accepted (calendar and working days, as the rules define them),
 * and the share sent again within 30 days of the bureau's first answer. One statement.
 */
export async function referralSection(em: EntityManager, frame: ReportFrame): Promise<ReferralSection> {
  const { current } = frame;
  const rows = await execute<Row>(
    em,
    sql`with story as materialized (
          select c.mo_id, r.sent_on, ${raw(acceptedReferralOnSql('r'))} as accepted_on, ${raw(resubmittedPromptlySql('r'))} as prompt
            from refusal_case c join referral r on r.refusal_case_id = c.id
           where c.refusal_date between ${current.from} and ${current.to} and ${frame.cases()}),
        lost as (
          select s.*, s.accepted_on - s.sent_on as calendar_days, ${raw(workingDaysBetweenSql('s.sent_on', 's.accepted_on'))} as working_days
            from story s)
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
