import { lookedUp, raw, sql, when, type Sql } from '../db/sql.js';
import { countedAmountsSql } from '../modules/expertise/episode-sanctions.js';
import { acceptedReferralOnSql, resubmittedPromptlySql } from '../modules/referrals/referral.rules.js';
import { requiredByListSql, sectionSql } from '../modules/reference/required-examinations.js';
import { workingDaysBetweenSql } from '../modules/calendar/working-calendar.js';
import { repeatRefusalSql } from '../modules/cases/repeat-refusal.js';
import { EXAMINATIONS_FOR_MSE_OID } from '../modules/reference/register.parser.js';
import { firstMissingSql, lackedBeforeSql } from '../modules/reports/examination-figures.js';

/**
 * Hand-written SQL floors of the quarterly report, one per section: the plainest statement that
 * gives the section's figures for one SMO (or all SMOs), sharing only the domain's rule fragments
 * (counted amounts, the accepted referral, the list's required examinations, repeats). Run one after
 * another on one connection, their sum is the floor of the whole report.
 */
export interface ReportFloor {
  section: string;
  statement: Sql;
}

interface Period {
  from: string;
  to: string;
}

export function reportFloors(smoId: string | null, current: Period, previous: Period, today: string): ReportFloor[] {
  const smo = (alias: string) => when(smoId, () => sql` and ${raw(alias)}.smo_id = ${smoId}`);
  const quarter = (alias: string) => sql`${raw(alias)}.refusal_date between ${current.from} and ${current.to}${smo(alias)}`;
  return [
    {
      section: 'отказы: итоги и разрезы (МО, бюро, рубрики МКБ-10)',
      statement: sql`select grouping(c.mo_id) as g1, grouping(c.bureau_id) as g2, c.mo_id, c.bureau_id, left(c.main_diagnosis, 3) as rubric,
                            count(*) filter (where c.refusal_date >= ${current.from}) as count, count(*) filter (where c.refusal_date < ${current.from}) as previous,
                            count(*) filter (where c.refusal_date >= ${current.from} and ${raw(repeatRefusalSql(smoId === null))}) as repeats
                       from refusal_case c
                      where c.refusal_date between ${previous.from} and ${current.to}${smo('c')}
                      group by grouping sets ((c.mo_id), (c.bureau_id), (left(c.main_diagnosis, 3)), ())`,
    },
    {
      section: 'недостающие обследования',
      statement: sql`select x->>'nmuCode' as code, lower(x->>'name') as name, count(*) from refusal_case c
                      cross join lateral jsonb_array_elements(c.missing_examinations) x where ${quarter('c')} group by 1, 2`,
    },
    {
      section: 'перечень 402н/631н',
      // The list read once per diagnosis and section; a case's required count is its pair's, less the listed codes it names.
      statement: sql`with q as (select c.id, c.mo_id, c.bureau_id, c.main_diagnosis, c.missing_examinations, ${raw(sectionSql('c.person_birth_date', 'c.referral_date'))} as section
                                  from refusal_case c where ${quarter('c')}),
                          l as (select d.main_diagnosis, d.section, r.nmu_code from (select distinct main_diagnosis, section from q) d
                                 cross join lateral ${requiredByListSql('d.main_diagnosis', 'd.section')} r),
                          lc as (select main_diagnosis, section, count(*) as required from l group by 1, 2),
                          nl as (select q.id, count(distinct l.nmu_code) as named from q cross join lateral jsonb_array_elements(q.missing_examinations) x
                                   join l on l.main_diagnosis = q.main_diagnosis and l.section = q.section and l.nmu_code = x->>'nmuCode' group by q.id)
                     select q.mo_id, q.bureau_id, left(q.main_diagnosis, 3), count(*), count(lc.required), sum(coalesce(lc.required, 0) - coalesce(nl.named, 0))
                       from q left join lc on lc.main_diagnosis = q.main_diagnosis and lc.section = q.section left join nl on nl.id = q.id
                      group by grouping sets ((q.mo_id), (q.bureau_id), (left(q.main_diagnosis, 3)))`,
    },
    {
      section: 'перечень: недостававшие и прежде',
      // The MO's first case lacking a code, once per MO and code the quarter names.
      statement: sql`with k as materialized (
                       select c.mo_id, c.referral_date, x->>'nmuCode' as code
                         from refusal_case c cross join lateral jsonb_array_elements(c.missing_examinations) x
                        where ${quarter('c')} and x->>'nmuCode' is not null
                          and c.referral_date >= (select min(imported_at)::date from register_version where oid = ${EXAMINATIONS_FOR_MSE_OID})),
                          f as materialized (
                       select p.mo_id, p.code, ${firstMissingSql('p.mo_id', 'p.code', sql`true${smo('e')}`)} as first_missing
                         from (select distinct mo_id, code from k) p)
                     select k.mo_id, count(*), count(*) filter (where ${lackedBeforeSql(sql`f.first_missing`, 'k.referral_date')})
                       from k join f on f.mo_id = k.mo_id and f.code = k.code group by k.mo_id`,
    },
    {
      section: 'путь направления',
      statement: sql`select c.mo_id, count(*), count(a.accepted_on), sum(a.accepted_on - r.sent_on), sum(${raw(workingDaysBetweenSql('r.sent_on', 'a.accepted_on'))}),
                            count(*) filter (where ${raw(resubmittedPromptlySql('r'))})
                       from refusal_case c join referral r on r.refusal_case_id = c.id
                       cross join lateral (select ${raw(acceptedReferralOnSql('r'))} as accepted_on) a
                      where ${quarter('c')} group by grouping sets ((c.mo_id), ())`,
    },
    {
      section: 'экспертизы, замечания, суммы, обжалования',
      // Each expertise carries its case's MO (kept by the database), as the section reads it.
      statement: sql`with e as (select e.id, e.type, e.mo_id, ap.outcome, ap.filed_on, coalesce(ap.revised_expertise_id, e.id) as final_id
                                  from expertise e
                                  left join expertise_appeal ap on ap.expertise_id = e.id
                                 where e.conclusion_date between ${current.from} and ${current.to}${smo('e')}
                                   and not exists (select 1 from expertise_appeal r where r.revised_expertise_id = e.id)),
                          f as (select e.mo_id, f.defect_code_id, ${countedAmountsSql}
                                  from e join expertise fe on fe.id = e.final_id join finding f on f.expertise_id = fe.id
                                 where e.outcome is distinct from 'OVERTURNED')
                     select f.mo_id, f.defect_code_id, count(*), sum(f.counted_not_paid), sum(f.counted_fine),
                            (select count(*) filter (where type = 'MEE') || ',' || count(*) filter (where type = 'EKMP') || ',' || count(filed_on) from e)
                       from f group by grouping sets ((f.mo_id), (f.defect_code_id), ())`,
    },
    {
      section: 'разборы: охват, своевременность, причины',
      // Each case's review looked up by key: a join lets the planner read every review of the archive.
      statement: sql`select c.mo_id, count(*), count(r.id), count(r.id) filter (where r.protocol_date <= c.review_due_on),
                            (select count(*) from refusal_case c2
                               cross join ${lookedUp('r2', sql`select r2.causes from commission_review r2 where r2.refusal_case_id = c2.id`)}
                               cross join lateral jsonb_array_elements(r2.causes) x where ${quarter('c2')})
                       from refusal_case c
                       left join ${lookedUp('r', sql`select r.id, r.protocol_date from commission_review r where r.refusal_case_id = c.id`)} on true
                      where ${quarter('c')} group by c.mo_id`,
    },
    {
      section: 'мероприятия',
      statement: sql`select a.status, count(*), count(*) filter (where a.status in ('PLANNED', 'IN_PROGRESS') and a.due_date < ${today})
                       from corrective_action a join refusal_case c on c.id = a.refusal_case_id where ${quarter('c')} group by a.status`,
    },
    {
      section: 'план и его результат',
      statement: sql`select p.id, i.measure, i.status, i.root_cause_ids, i.target_mo_ids from improvement_plan p join plan_item i on i.plan_id = p.id
                      where p.year = ${Number(current.from.slice(0, 4))} and p.quarter = ${Math.floor(Number(current.from.slice(5, 7)) / 3) + 1}${smo('p')}`,
    },
  ];
}

/** A statement with `?` placeholders (the ORM's form) as node-postgres takes it, `$1`, `$2`, … */
export function numberedParameters(statement: Sql): { text: string; values: unknown[] } {
  let n = 0;
  return { text: statement.sql.replace(/\?/g, () => `$${++n}`), values: statement.params };
}
