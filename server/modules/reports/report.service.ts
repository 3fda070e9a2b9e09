import type { EntityManager } from '@mikro-orm/postgresql';
import { caseScopeSql } from '../../access/records.js';
import DataLoader from 'dataloader';
import { coverageFigures, reviewedOnTimeSql } from '../reviews/review-coverage.js';
import { forbidden, invalidArgument } from '../../shared/errors.js';
import { today } from '../../shared/clock.js';
import { isUuid } from '../../shared/validation.js';

import { Role } from '../auth/role.js';
import type { Viewer } from '../auth/viewer.js';
import { percent } from '../../shared/percent.js';
import { previousQuarter, quarterBounds } from '../../shared/quarters.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { OrganisationKind } from '../organisations/organisation-kind.js';
import { repeatAcrossInsurers, repeatRefusalSql } from '../cases/repeat-refusal.js';
import { icd10BlockLabel, icd10BlockNameSql, icd10BlockOfSql, icd10ClassesSql, icd10ClassLabel, icd10ClassOfSql } from '../reference/icd10-classes.js';
import { actionOverdueSql } from '../reviews/action-lifecycle.js';
import { countedAmountsSql } from '../expertise/episode-sanctions.js';
import { issuedByFundSql } from '../expertise/expertise-lifecycle.js';
import { execute, labelSql, lookedUp, raw, sql, when, type Executor, type Sql } from '../../db/sql.js';
import pLimit from 'p-limit';
import { referralSection } from './referral-figures.js';
import { examinationSection, missingExaminationCounts } from './examination-figures.js';
import { PLAN_ITEM_STATUS_LABEL } from '../plans/plan.entity.js';
import type {
  ActionCounts,
  AmountRow,
  AppealCounts,
  CountRow,
  CoverageRow,
  ExaminationSection,
  ExpertiseSection,
  PlanEffectRow,
  QuarterlyReport,
  RefusalSection,
  ReferralSection,
  ReportPlanItem,
  ReviewSection,
} from './report.types.js';

interface Period {
  from: string;
  to: string;
}

/** Which cases a report covers: the viewer's scope, and one SMO or all. Every figure is computed in SQL over it. */
export class ReportFrame {
  constructor(
    readonly viewer: Viewer,
    readonly smoId: string | null,
    readonly current: Period,
    readonly previous: Period,
  ) {}

  /** Conditions on a refusal case alias: scope and SMO (the period is added per query). */
  cases(alias = 'c'): Sql {
    return sql`${caseScopeSql(this.viewer, alias)}${when(this.smoId, () => sql` and ${raw(alias)}.smo_id = ${this.smoId}`)}`;
  }
}

/** The report frame a viewer may ask for: an SMO expert only its own SMO; the fund any SMO or all. */
export async function reportFrame(em: EntityManager, viewer: Viewer, year: number, quarter: number, smoId?: string | null) {
  const current = quarterBounds(year, quarter);
  const prev = previousQuarter(year, quarter);
  let smo = smoId ?? null;
  if (viewer.role === Role.SMO_EXPERT) {
    if (smo && smo !== viewer.organisationId) throw forbidden('Отчёт другой СМО недоступен');
    smo = viewer.organisationId;
  }
  // An SMO expert's own SMO needs no lookup; any other must be an SMO (an MO's id is no SMO's report, not an empty one).
  const unknown = smo && viewer.role !== Role.SMO_EXPERT && (!isUuid(smo) || !(await em.findOne(Organisation, { id: smo, kind: OrganisationKind.SMO })));
  if (unknown) throw invalidArgument('smoId', 'smoId: СМО не найдена');
  return new ReportFrame(viewer, smo, current, quarterBounds(prev.year, prev.quarter));
}

type Row = Record<string, unknown>;
const num = (value: unknown) => Number(value ?? 0);

export type Dimension = 'mo' | 'bureau' | 'chapter' | 'block';

/**
 * How a refusal breakdown groups cases. MOs and bureaus are named after grouping (a few dozen keys,
 * not every case joined to its organisation); rubrics are grouped by their three characters and named
 * by chapter afterwards, a few hundred of them rather than every case (the chapter's CASE costs more
 * than the whole grouping); blocks are named from the same rubric groups.
 */
const DIMENSION_KEYS: Record<Dimension, string> = {
  mo: 'c.mo_id',
  bureau: 'c.bureau_id',
  chapter: 'left(c.main_diagnosis, 3)',
  block: 'left(c.main_diagnosis, 3)',
};

/**
 * Refusals by the asked dimensions (MO, bureau, class of the МКБ-10 in force), this quarter and the previous one,
 * in one pass: grouping sets of just those dimensions.
 */
async function refusalCounts(db: Executor, frame: ReportFrame, dimensions: readonly Dimension[]): Promise<Record<Dimension, CountRow[]>> {
  const where = frame.cases();
  const grouped = [...new Set(dimensions.map((d) => (d === 'block' ? 'chapter' : d)))];
  const of = grouped.map((d) => ({ name: d, key: DIMENSION_KEYS[d] }));
  const whichGroup = (value: (d: (typeof of)[number]) => string) => `case ${of.map((d) => `when grouping(${d.key}) = 0 then ${value(d)}`).join(' ')} end`;
  const { current, previous } = frame;
  const rows = await execute<Row>(
    db,
    sql`with grouped as (
       select ${raw(whichGroup((d) => `'${d.name}'`))} as dimension, ${raw(whichGroup((d) => `${d.key}::text`))} as key,
              count(*) filter (where c.refusal_date between ${current.from} and ${current.to}) as count,
              count(*) filter (where c.refusal_date between ${previous.from} and ${previous.to}) as previous
         from refusal_case c
        where c.refusal_date between ${previous.from} and ${current.to} and ${where}
        group by grouping sets (${raw(of.map((d) => `(${d.key})`).join(', '))})),
     ${icd10ClassesSql},
     named as (
       select dimension, case when dimension = 'chapter' then ${icd10ClassOfSql('key')} else key end as key, count, previous from grouped
       ${when(dimensions.includes('block'), () => sql`union all select 'block', ${icd10BlockOfSql('key')}, count, previous from grouped where dimension = 'chapter'`)})
     select dimension, key,
            case when dimension = 'chapter' then (select cl.name from icd10_classes cl where cl.code = named.key)
                 when dimension = 'block' then ${icd10BlockNameSql('named.key')}
                 else (select o.short_name from organisation o where o.id::text = named.key) end as label,
            sum(count) as count, sum(previous) as previous
       from named group by dimension, key
      order by 4 desc, 3`,
  );
  const result: Record<Dimension, CountRow[]> = { mo: [], bureau: [], chapter: [], block: [] };
  for (const r of rows) {
    const dimension = r.dimension as Dimension;
    const key = String(r.key);
    const label =
      dimension === 'chapter'
        ? icd10ClassLabel(key, r.label as string | null)
        : dimension === 'block'
          ? icd10BlockLabel(key, r.label as string | null)
          : String(r.label);
    result[dimension].push({ key, label, count: num(r.count), previousCount: num(r.previous) });
  }
  // Classes of equal counts in the order of their codes, as the table kept by hand had them.
  result.chapter.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  result.block.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return result;
}

type RefusalTotals = Pick<RefusalSection, 'total' | 'previousTotal' | 'changePercent' | 'repeatRefusals'>;

async function refusalTotals(db: Executor, frame: ReportFrame): Promise<RefusalTotals> {
  const { current, previous } = frame;
  const [totals] = await execute<Row>(
    db,
    sql`select count(*) filter (where c.refusal_date between ${current.from} and ${current.to}) as total,
            count(*) filter (where c.refusal_date between ${previous.from} and ${previous.to}) as previous,
            count(*) filter (where c.refusal_date between ${current.from} and ${current.to}
                               and ${raw(repeatRefusalSql(repeatAcrossInsurers(frame.viewer, frame.smoId)))}) as repeats
       from refusal_case c where c.refusal_date between ${previous.from} and ${current.to} and ${frame.cases()}`,
  );
  const total = num(totals.total);
  const previousTotal = num(totals.previous);
  return {
    total,
    previousTotal,
    changePercent: previousTotal ? Math.round((1000 * (total - previousTotal)) / previousTotal) / 10 : null,
    repeatRefusals: num(totals.repeats),
  };
}

/** A finding's columns the section reads, all in its report index: the findings are read from the index alone. */
const findingColumns = (alias: string) =>
  ['id', 'episode_id', 'defect_code_id', 'amount_not_paid', 'fine', 'created_at'].map((c) => `${alias}.${c}`).join(', ');

/**
 * Expertises concluded in the quarter (not the fund's revisions), and the findings that stand
 * after any appeal: none when overturned, the revision's when partly upheld; amounts as counted
 * under the one-ground rule of each case of care (`countedAmountsSql`). An expertise carries
 * its case's SMO and MO (kept by the database): the viewer's scope and one SMO's quarter are
 * conditions on the expertise itself, read from its own index, with no lookup of its case. Each
 * expertise's findings are looked up once (`own_findings`); the MO's positions on them are
 * counted on the expertise by the database (`findings_positioned`, `findings_disagreed`).
 */
export function expertiseCte(frame: ReportFrame): Sql {
  return sql`with base as (
            select e.id, e.type, e.sanction_rule, e.findings_positioned, e.findings_disagreed, e.refusal_case_id as case_id, e.mo_id,
                   ap.outcome, ap.filed_on, ap.revised_expertise_id
              from expertise e
              left join expertise_appeal ap on ap.expertise_id = e.id
             where e.conclusion_date between ${frame.current.from} and ${frame.current.to} and ${frame.cases('e')}
               and not ${raw(issuedByFundSql('e'))}),
          own_findings as (
            select b.mo_id, b.case_id, b.sanction_rule, b.outcome, b.revised_expertise_id, l.*
              from base b
              cross join ${lookedUp('l', sql`select ${raw(findingColumns('f'))} from finding f where f.expertise_id = b.id`)}),
          standing as (
            select o.mo_id, o.case_id, o.sanction_rule, ${raw(findingColumns('o'))}
              from own_findings o
             where o.revised_expertise_id is null and o.outcome is distinct from 'OVERTURNED'
            union all
            select b.mo_id, b.case_id, r.sanction_rule, l.*
              from base b
              cross join ${lookedUp('r', sql`select r.id, r.sanction_rule from expertise r where r.id = b.revised_expertise_id`)}
              cross join ${lookedUp('l', sql`select ${raw(findingColumns('f'))} from finding f where f.expertise_id = r.id`)}
             where b.revised_expertise_id is not null and b.outcome is distinct from 'OVERTURNED'),
          final_findings as (
            select f.*, ${countedAmountsSql}
              from standing f
              cross join lateral (select f.sanction_rule) fe)`;
}

async function expertiseSection(db: Executor, frame: ReportFrame): Promise<ExpertiseSection> {
  // One statement: the expertises are found once; the findings that stand are grouped three ways at
  // once, and the per-expertise counts ride along on every row (computed once, as init plans).
  const groups = await execute<Row>(
    db,
    sql`${expertiseCte(frame)}
     select grouping(f.mo_id) as by_code, f.mo_id, min(o.short_name) as mo_name, d.code, min(d.text) as code_text,
            min(d.position) as code_position, count(f.id) as findings,
            coalesce(sum(f.counted_not_paid), 0)::numeric(14,2)::text as not_paid,
            coalesce(sum(f.counted_fine), 0)::numeric(14,2)::text as fine,
            (select json_build_object(
                      'mee', count(*) filter (where type = 'MEE'), 'ekmp', count(*) filter (where type = 'EKMP'),
                      'filed', count(filed_on), 'pending', count(filed_on) filter (where outcome is null),
                      'upheld', count(*) filter (where outcome = 'UPHELD'), 'overturned', count(*) filter (where outcome = 'OVERTURNED'),
                      'partly', count(*) filter (where outcome = 'PARTLY'))
               from base) as counts,
            (select json_build_object('disagrees', coalesce(sum(findings_disagreed), 0), 'positioned', coalesce(sum(findings_positioned), 0))
               from base) as positions
       from final_findings f
       join defect_code d on d.id = f.defect_code_id
       join organisation o on o.id = f.mo_id
      group by grouping sets ((f.mo_id), (d.code), ())`,
  );
  const moRows = groups.filter((g) => g.mo_id !== null);
  const codeRows = groups.filter((g) => g.code !== null);
  const totals = groups.find((g) => g.mo_id === null && g.code === null)!;
  const counts = totals.counts as Record<string, number>;
  const positions = totals.positions as Record<string, number>;
  const amountsByMo: AmountRow[] = moRows
    .map((r) => ({ key: String(r.mo_id), label: String(r.mo_name), findings: num(r.findings), amountNotPaid: String(r.not_paid), fine: String(r.fine) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'ru'));
  const findingsByCode = codeRows
    .sort((a, b) => num(b.findings) - num(a.findings) || num(a.code_position) - num(b.code_position))
    .map((r) => ({ key: String(r.code), label: `${String(r.code)} ${String(r.code_text)}`, count: num(r.findings), previousCount: null }));
  const appeals: AppealCounts = {
    filed: num(counts.filed),
    pending: num(counts.pending),
    upheld: num(counts.upheld),
    overturned: num(counts.overturned),
    partly: num(counts.partly),
  };
  return {
    meeCount: num(counts.mee),
    ekmpCount: num(counts.ekmp),
    findingsByCode,
    amountsByMo,
    totalAmountNotPaid: String(totals.not_paid),
    totalFine: String(totals.fine),
    disagreementPercent: percent(num(positions.disagrees), num(positions.positioned)),
    appeals,
  };
}

/**
 * The quarter's cases with their commission reviews (`scoped`), as the review section counts them:
 * whether reviewed, the protocol's date and the root causes found, kept on the case by the database
 * (`has_review`, `reviewed_on`, `review_cause_ids`) and read from the report's index, no review looked up.
 */
export function reviewScopeCte(frame: ReportFrame): Sql {
  return sql`with scoped as not materialized (
          select c.id as case_id, c.mo_id, c.review_due_on, c.has_review as reviewed, c.reviewed_on, c.review_cause_ids as cause_ids
            from refusal_case c
           where c.refusal_date between ${frame.current.from} and ${frame.current.to} and ${frame.cases()})`;
}

/**
 * The corrective actions of the quarter's cases (`actions`): status and whether overdue today. Only
 * the cases with an action (`has_actions`, kept by the database) are looked up.
 */
export function actionsCte(frame: ReportFrame): Sql {
  return sql`with actions as (
          select a.status, ${actionOverdueSql('a', today())} as overdue, c.id as case_id
            from refusal_case c
            cross join ${lookedUp('a', sql`select a.status, a.due_date from corrective_action a where a.refusal_case_id = c.id and c.has_actions`)}
           where c.refusal_date between ${frame.current.from} and ${frame.current.to} and ${frame.cases()})`;
}

async function reviewSection(db: Executor, frame: ReportFrame): Promise<ReviewSection> {
  // Coverage by MO and the causes found, each grouped straight from the report's index (the cases
  // are not materialized between them: a scan of the index costs less than writing them out);
  // organisations and causes are named after grouping.
  const [reviewRows, [actions]] = await Promise.all([
    execute<Row>(
      db,
      sql`${reviewScopeCte(frame)}
       , coverage as (
           select s.mo_id, count(*) as cases, count(*) filter (where s.reviewed) as reviewed,
                  count(*) filter (where ${raw(reviewedOnTimeSql('s.review_due_on', 's.reviewed_on'))}) as on_time
             from scoped s group by s.mo_id),
         causes as (select unnest(s.cause_ids) as id from scoped s where s.reviewed)
       select 'coverage' as part, s.mo_id::text as key, o.short_name as label, s.cases, s.reviewed, s.on_time
         from coverage s join organisation o on o.id = s.mo_id
       union all
       select 'cause', cause.id::text, (select rc.name from root_cause rc where rc.id = cause.id), count(*), null, null
         from causes cause group by cause.id`,
    ),
    execute<Row>(
      db,
      sql`${actionsCte(frame)}
       select count(*) filter (where status = 'PLANNED') as planned, count(*) filter (where status = 'IN_PROGRESS') as in_progress,
              count(*) filter (where status = 'DONE') as done, count(*) filter (where status = 'CANCELLED') as cancelled,
              count(*) filter (where overdue) as overdue
         from actions`,
    ),
  ]);
  const coverage = reviewRows.filter((r) => r.part === 'coverage').sort((a, b) => String(a.label).localeCompare(String(b.label), 'ru'));
  const causes = reviewRows
    .filter((r) => r.part === 'cause')
    .sort((a, b) => num(b.cases) - num(a.cases) || String(a.label).localeCompare(String(b.label), 'ru'));
  const coverageByMo: CoverageRow[] = coverage.map((r) => ({
    key: String(r.key),
    label: String(r.label),
    ...coverageFigures(num(r.cases), num(r.reviewed), num(r.on_time)),
  }));
  const actionCounts: ActionCounts = {
    planned: num(actions.planned),
    inProgress: num(actions.in_progress),
    done: num(actions.done),
    cancelled: num(actions.cancelled),
    overdue: num(actions.overdue),
  };
  return {
    coverageByMo,
    rootCauses: causes.map((r) => ({ key: String(r.key), label: String(r.label), count: num(r.cases), previousCount: null })),
    actions: actionCounts,
  };
}

/** For every MO and root cause that last quarter's plan targeted: refusals with that cause then and now. */
async function planEffect(db: Executor, frame: ReportFrame): Promise<PlanEffectRow[]> {
  const { current, previous } = frame;
  const previousYear = Number(previous.from.slice(0, 4));
  const previousQuarterNumber = Math.floor(Number(previous.from.slice(5, 7)) / 3) + 1;
  const rows = await execute<Row>(
    db,
    sql`with targets as (
        select distinct coalesce(tm.mo_id, c2.mo_id) as mo_id, rc.id as cause_id, rc.name as cause
          from improvement_plan p
          join plan_item i on i.plan_id = p.id
          cross join lateral unnest(i.root_cause_ids) as cause(id)
          join root_cause rc on rc.id = cause.id
          left join lateral unnest(i.target_mo_ids) as tm(mo_id) on true
          left join refusal_case c2 on cardinality(i.target_mo_ids) = 0 and c2.smo_id = p.smo_id
                                     and c2.refusal_date between ${previous.from} and ${previous.to}
         where p.year = ${previousYear} and p.quarter = ${previousQuarterNumber} ${when(frame.smoId, () => sql`and p.smo_id = ${frame.smoId}`)})
     select t.mo_id, o.short_name as mo_name, t.cause_id, t.cause,
            count(c.id) filter (where c.refusal_date between ${previous.from} and ${previous.to}) as before,
            count(c.id) filter (where c.refusal_date between ${current.from} and ${current.to}) as after
       from targets t
       join organisation o on o.id = t.mo_id
       left join refusal_case c on c.mo_id = t.mo_id and c.refusal_date between ${previous.from} and ${current.to} and ${frame.cases()}
             and exists (select 1 from commission_review r, jsonb_array_elements(r.causes) x
                          where r.refusal_case_id = c.id and x->>'rootCauseId' = t.cause_id::text)
      where t.mo_id is not null
      group by t.mo_id, o.short_name, t.cause_id, t.cause
      order by o.short_name, t.cause`,
  );
  return rows.map((r) => ({
    moId: String(r.mo_id),
    moName: String(r.mo_name),
    causeId: String(r.cause_id),
    cause: String(r.cause),
    before: num(r.before),
    after: num(r.after),
  }));
}

/** The quarter's plan items (for an MO viewer only those addressed to it), with their MO confirmations. */
async function planItems(db: Executor, frame: ReportFrame, year: number, quarter: number): Promise<ReportPlanItem[]> {
  const moOnly = frame.viewer.role === Role.MO_COMMISSION ? frame.viewer.organisationId : null;
  const rows = await execute<Row>(
    db,
    sql`select s.short_name as smo_name, i.measure, i.responsible_organisation || ', ' || i.responsible_person as responsible,
            to_char(i.due_date, 'YYYY-MM-DD') as due_date, ${raw(labelSql('i.status', PLAN_ITEM_STATUS_LABEL))} as status, i.outcome,
            coalesce((select string_agg(o.short_name, ', ' order by o.short_name) from organisation o where o.id = any(i.target_mo_ids)), 'все МО') as targets,
            concat_ws('; ', nullif(array_to_string(i.defect_codes, ', '), ''),
                      (select string_agg(rc.name, ', ') from root_cause rc where rc.id = any(i.root_cause_ids))) as addresses,
            coalesce((select string_agg(o.short_name || ': ' || case when pc.agreed then 'согласовано' else 'замечания — ' || pc.comment end, '; ' order by o.short_name)
                        from plan_item_confirmation pc join organisation o on o.id = pc.mo_id
                       where pc.item_id = i.id ${when(moOnly, () => sql`and pc.mo_id = ${moOnly}`)}), 'не согласовано') as confirmations
       from improvement_plan p join plan_item i on i.plan_id = p.id join organisation s on s.id = p.smo_id
      where p.year = ${year} and p.quarter = ${quarter} ${when(frame.smoId, () => sql`and p.smo_id = ${frame.smoId}`)}
        ${when(moOnly, () => sql`and (cardinality(i.target_mo_ids) = 0 or ${moOnly} = any(i.target_mo_ids))`)}
      order by s.short_name, i.created_at`,
  );
  return rows.map((r) => ({
    smoName: String(r.smo_name),
    measure: String(r.measure),
    targets: String(r.targets),
    responsible: String(r.responsible),
    dueDate: String(r.due_date),
    addresses: typeof r.addresses === 'string' ? r.addresses : '',
    status: String(r.status),
    outcome: (r.outcome as string | null) ?? null,
    confirmations: String(r.confirmations),
  }));
}

/**
 * How many of one report's statements run at once. Each section is one statement over the quarter's
 * rows, all CPU once the index is in memory: run side by side beyond the database's cores they slow
 * each other more than they gain (the fund's report on a million cases, two cores: all nine at once
 * 1,3 s, each taking 2–8× its time alone; two at a time 0,55–0,58 s).
 */
const REPORT_STATEMENTS_AT_ONCE = 2;

/**
 * One report's figures, each computed when first asked for and then kept: through GraphQL a
 * client pays only for the sections (and refusal breakdowns) it selects; the exports and the
 * submission ask for all of them.
 */
export class ReportFigures {
  private readonly memos = new Map<string, Promise<unknown>>();

  /** The report's statements, run at most `REPORT_STATEMENTS_AT_ONCE` at a time. */
  private readonly db: Executor;

  /** The refusal breakdowns asked for in one tick share one grouping-sets pass. */
  private readonly breakdowns = new DataLoader<Dimension, CountRow[]>(async (dimensions) => {
    const counts = await refusalCounts(this.db, this.frame, dimensions);
    return dimensions.map((d) => counts[d]);
  });

  constructor(
    private readonly em: EntityManager,
    readonly frame: ReportFrame,
    readonly year: number,
    readonly quarter: number,
  ) {
    const limit = pLimit(REPORT_STATEMENTS_AT_ONCE);
    this.db = { execute: (text, params) => limit(() => em.execute(text, params)) };
  }

  private memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as Promise<T>;
  }

  refusalsBy(dimension: Dimension): Promise<CountRow[]> {
    return this.breakdowns.load(dimension);
  }

  refusalTotals(): Promise<RefusalTotals> {
    return this.memo('refusalTotals', () => refusalTotals(this.db, this.frame));
  }

  missingExaminations(): Promise<{ coded: CountRow[]; other: CountRow[] }> {
    return this.memo('missing', () => missingExaminationCounts(this.db, this.frame));
  }

  examinations(): Promise<ExaminationSection> {
    return this.memo('examinations', () => examinationSection(this.db, this.frame));
  }

  referrals(): Promise<ReferralSection> {
    return this.memo('referrals', () => referralSection(this.db, this.frame));
  }

  expertise(): Promise<ExpertiseSection> {
    return this.memo('expertise', () => expertiseSection(this.db, this.frame));
  }

  reviews(): Promise<ReviewSection> {
    return this.memo('reviews', () => reviewSection(this.db, this.frame));
  }

  planItems(): Promise<ReportPlanItem[]> {
    return this.memo('planItems', () => planItems(this.db, this.frame, this.year, this.quarter));
  }

  planEffect(): Promise<PlanEffectRow[]> {
    return this.memo('planEffect', () => planEffect(this.db, this.frame));
  }

  async refusals(): Promise<RefusalSection> {
    const [byMo, byBureau, chapters, blocks, totals, missing] = await Promise.all([
      this.refusalsBy('mo'),
      this.refusalsBy('bureau'),
      this.refusalsBy('chapter'),
      this.refusalsBy('block'),
      this.refusalTotals(),
      this.missingExaminations(),
    ]);
    return {
      ...totals,
      byMo,
      byBureau,
      byIcdChapter: chapters,
      byIcdBlock: blocks,
      topMissingExaminations: missing.coded,
      otherMissingExaminations: missing.other,
    };
  }

  smoName(): Promise<string> {
    const { smoId } = this.frame;
    return this.memo('smoName', async () => (smoId ? (await this.em.findOneOrFail(Organisation, { id: smoId })).shortName : 'Все СМО'));
  }

  /** The report's heading: period and SMO. */
  async heading(): Promise<Pick<QuarterlyReport, 'year' | 'quarter' | 'smoId' | 'smoName' | 'periodFrom' | 'periodTo'>> {
    return { ...this.period(), smoName: await this.smoName() };
  }

  period(): Pick<QuarterlyReport, 'year' | 'quarter' | 'smoId' | 'periodFrom' | 'periodTo'> {
    return { year: this.year, quarter: this.quarter, smoId: this.frame.smoId, periodFrom: this.frame.current.from, periodTo: this.frame.current.to };
  }

  /** Every figure at once. Sections run side by side on the pool: never inside a transaction (one connection). */
  async all(): Promise<QuarterlyReport> {
    const [heading, refusals, expertise, reviews, items, effect, examinations, referrals] = await Promise.all([
      this.heading(),
      this.refusals(),
      this.expertise(),
      this.reviews(),
      this.planItems(),
      this.planEffect(),
      this.examinations(),
      this.referrals(),
    ]);
    return { ...heading, refusals, expertise, reviews, planItems: items, planEffect: effect, examinations, referrals };
  }
}

export function computeQuarterlyReport(em: EntityManager, frame: ReportFrame, year: number, quarter: number): Promise<QuarterlyReport> {
  return new ReportFigures(em, frame, year, quarter).all();
}
