import { execute, raw, sql, type Executor, type Sql } from '../../db/sql.js';
import { percent } from '../../shared/percent.js';
import { examinationTextKeySql } from '../reference/examination-mapping.js';
import { icd10ClassesSql, icd10ClassLabel, icd10ClassOfSql } from '../reference/icd10-classes.js';
import { EXAMINATIONS_FOR_MSE_OID } from '../reference/register.parser.js';
import { listInForceSql, requiredByListSql, sectionSql } from '../reference/required-examinations.js';
import type { ReportFrame } from './report.service.js';
import type { CountRow, ExaminationSection, OrderGapRow } from './report.types.js';

type Row = Record<string, unknown>;
const FOLDED_NAME = examinationTextKeySql({ sql: 'name', params: [] }).sql;
const num = (value: unknown) => Number(value ?? 0);

/**
 * The quarter's cases against the 402н/631н list (`gaps`, a row per case): the examinations the list
 * requires and the coded ones named missing (matched by НМУ code, as a case shows them).
 *
 * The case's coded examinations (`missing_codes`) and their number (`missing_count`) are kept on it by
 * the database and read from the report's covering index, with the rest: the quarter's rows are not read.
 *
 * The list is read once per diagnosis and section, not per case, and never expanded per case: a
 * case's required count is its pair's, less the codes it names that the pair's list holds. Before,
 * a subquery per case scanned every required row of the quarter: with a list loaded, one SMO's
 * quarter did not finish in ten minutes. The figures depend on the diagnosis, the section and the
 * codes named alone, so they are worked out once per such kind of case (`figures`), not per case:
 * a quarter's cases fall into a few kinds, and joining every case's items to the list cost most of
 * the section. The cases are tallied by MO, bureau and kind straight from the index (`tallies`); the
 * kinds come from the tallies; `gaps` (a row per case) reads the index again only when asked for.
 */
export function orderGapsCte(frame: ReportFrame): Sql {
  const { current } = frame;
  return sql`with scoped as not materialized (
          select c.id, c.mo_id, c.bureau_id, c.main_diagnosis,
                 ${raw(sectionSql('c.person_birth_date', 'c.referral_date'))} as section, c.missing_codes as codes, c.missing_count as items
            from refusal_case c
           where c.refusal_date between ${current.from} and ${current.to} and ${frame.cases()}),
        tallies as materialized (
          select mo_id, bureau_id, main_diagnosis, section, codes, count(*) as cases, sum(items) as items
            from scoped group by mo_id, bureau_id, main_diagnosis, section, codes),
        kinds as materialized (select distinct main_diagnosis, section, codes from tallies),
        named as (
          select k.main_diagnosis, k.section, k.codes, code
            from kinds k cross join lateral unnest(k.codes) code),
        listed as materialized (
          select d.main_diagnosis, d.section, r.nmu_code
            from (select distinct main_diagnosis, section from kinds) d
            cross join lateral ${requiredByListSql('d.main_diagnosis', 'd.section')} r),
        listed_counts as (select main_diagnosis, section, count(*) as required from listed group by main_diagnosis, section),
        named_figures as (
          select n.main_diagnosis, n.section, n.codes, count(distinct n.code) filter (where l.nmu_code is not null) as named_required,
                 count(*) filter (where l.nmu_code is null) as named_not_required
            from named n left join listed l on l.main_diagnosis = n.main_diagnosis and l.section = n.section and l.nmu_code = n.code
           group by n.main_diagnosis, n.section, n.codes),
        figures as (
          select k.main_diagnosis, k.section, k.codes, lc.required is not null as in_list,
                 coalesce(lc.required, 0) - coalesce(nf.named_required, 0) as required_not_named,
                 coalesce(nf.named_not_required, 0) as named_not_required
            from kinds k
            left join listed_counts lc on lc.main_diagnosis = k.main_diagnosis and lc.section = k.section
            left join named_figures nf on nf.main_diagnosis = k.main_diagnosis and nf.section = k.section and nf.codes = k.codes),
        gaps as (
          select s.*, f.in_list, f.required_not_named, f.named_not_required
            from scoped s join figures f on f.main_diagnosis = s.main_diagnosis and f.section = s.section and f.codes = s.codes)`;
}

/**
 * The gaps of `orderGapsCte` grouped by MO, bureau and rubric (named by class afterwards), in one
 * statement, with the examinations named (`items`) and the coded ones among them (`coded`), from the
 * cases' tallies by kind within each MO and bureau: each tally meets its kind's figures once, not each case.
 */
async function orderGaps(db: Executor, frame: ReportFrame): Promise<Row[]> {
  return execute<Row>(
    db,
    sql`${orderGapsCte(frame)},
        grouped as (
          select case when grouping(t.mo_id) = 0 then 'mo' when grouping(t.bureau_id) = 0 then 'bureau' else 'class' end as dimension,
                 coalesce(t.mo_id::text, t.bureau_id::text, left(t.main_diagnosis, 3)) as key,
                 sum(t.cases) as cases, coalesce(sum(t.cases) filter (where f.in_list), 0) as cases_in_list,
                 sum(t.cases * f.required_not_named) as required_not_named,
                 coalesce(sum(t.cases) filter (where f.required_not_named > 0), 0) as cases_not_named,
                 sum(t.cases * f.named_not_required) as named_not_required,
                 coalesce(sum(t.cases) filter (where f.named_not_required > 0), 0) as beyond,
                 sum(t.items) as items, sum(t.cases * cardinality(t.codes)) as coded
            from tallies t join figures f on f.main_diagnosis = t.main_diagnosis and f.section = t.section and f.codes = t.codes
           group by grouping sets ((t.mo_id), (t.bureau_id), (left(t.main_diagnosis, 3)))),
        ${icd10ClassesSql},
        keyed as (
          select dimension, case when dimension = 'class' then ${icd10ClassOfSql('key')} else key end as key,
                 cases, cases_in_list, required_not_named, cases_not_named, named_not_required, beyond, items, coded from grouped)
     select k.dimension, k.key,
            case when k.dimension = 'class' then (select cl.name from icd10_classes cl where cl.code = k.key)
                 else (select o.short_name from organisation o where o.id::text = k.key) end as label,
            sum(k.cases) as cases, sum(k.cases_in_list) as cases_in_list, sum(k.required_not_named) as required_not_named, sum(k.cases_not_named) as cases_not_named,
            sum(k.named_not_required) as named_not_required, sum(k.beyond) as beyond, sum(k.items) as items, sum(k.coded) as coded
       from keyed k group by k.dimension, k.key
      order by k.dimension, 4 desc, 2`,
  );
}

/** The day the check became available: the first 402н/631н list loaded (null before any). */
const checkAvailableFromSql = sql`(select min(imported_at)::date from register_version where oid = ${EXAMINATIONS_FOR_MSE_OID})`;

/**
 * The day an MO's cases first lacked a code, among the coded examinations `e` that `scope` admits:
 * one probe of `missing_examination` (by MO, code and date), not a read of the MO's years.
 */
export const firstMissingSql = (mo: string, code: string, scope: Sql): Sql =>
  sql`(select min(e.refusal_date) from missing_examination e where e.mo_id = ${raw(mo)} and e.nmu_code = ${raw(code)} and ${scope})`;

/** «The MO's earlier cases already lacked this code»: its first case lacking it was refused before this one was referred. */
export const lackedBeforeSql = (firstMissing: Sql, referralDate: string): Sql => sql`coalesce(${firstMissing} < ${raw(referralDate)}, false)`;

/**
 * The coded examinations missing in cases referred since the check became available (`after_check`,
 * a row per examination), each marked when the MO's earlier cases already lacked it. The first
 * lacking case is looked up once per MO and code, not per examination: a quarter names the same few
 * codes in every MO a hundred times over. The section counts them by MO, code and referral date
 * (`tallied_check`): the mark depends on those alone.
 */
export function afterCheckCte(frame: ReportFrame): Sql {
  const { current } = frame;
  return sql`with checked as not materialized (
          select c.id as case_id, c.mo_id, c.referral_date, unnest(c.missing_codes) as code
            from refusal_case c
           where c.refusal_date between ${current.from} and ${current.to} and c.referral_date >= ${checkAvailableFromSql} and ${frame.cases()}),
        tallied as materialized (
          select mo_id, code, referral_date, count(*) as examinations from checked group by mo_id, code, referral_date),
        firsts as materialized (
          select p.mo_id, p.code, ${firstMissingSql('p.mo_id', 'p.code', frame.cases('e'))} as first_missing
            from (select distinct mo_id, code from tallied) p),
        after_check as (
          select k.case_id, k.mo_id, ${lackedBeforeSql(sql`f.first_missing`, 'k.referral_date')} as repeated
            from checked k join firsts f on f.mo_id = k.mo_id and f.code = k.code),
        tallied_check as (
          select t.mo_id, t.examinations, ${lackedBeforeSql(sql`f.first_missing`, 't.referral_date')} as repeated
            from tallied t join firsts f on f.mo_id = t.mo_id and f.code = t.code)`;
}

/** Per MO, the coded examinations missing since the check became available, and how many were missing before. */
async function repeatsAfterCheck(db: Executor, frame: ReportFrame): Promise<Row[]> {
  return execute<Row>(
    db,
    sql`${afterCheckCte(frame)},
        by_mo as (
          select t.mo_id, sum(t.examinations) as missing, coalesce(sum(t.examinations) filter (where t.repeated), 0) as repeated
            from tallied_check t group by t.mo_id)
     select a.mo_id, o.short_name as label, a.missing, a.repeated
       from by_mo a join organisation o on o.id = a.mo_id order by 2`,
  );
}

/** The quarter's missing examinations (`items`, a row each): coded by НМУ or named in text. */
export function missingItemsCte(frame: ReportFrame): Sql {
  return sql`with items as (
          select c.id as case_id, x->>'nmuCode' as code, x->>'name' as name
            from refusal_case c cross join lateral jsonb_array_elements(c.missing_examinations) x
           where c.refusal_date between ${frame.current.from} and ${frame.current.to} and ${frame.cases()})`;
}

/** The free-text examinations are grouped by their folded text. */
export const otherExaminationKeySql = FOLDED_NAME;

export async function examinationSection(db: Executor, frame: ReportFrame): Promise<ExaminationSection> {
  // Side by side: before any list was loaded the check has no date, and its statement finds no rows.
  // The examinations named, coded and not, are counted by the gaps' pass over the quarter (every case has an MO).
  const [[state], gaps, repeats] = await Promise.all([
    execute<Row>(db, sql`select ${listInForceSql} is not null as loaded, to_char(${checkAvailableFromSql}, 'YYYY-MM-DD') as check_from`),
    orderGaps(db, frame),
    repeatsAfterCheck(db, frame),
  ]);
  const checkFrom = (state.check_from as string | null) ?? null;
  const byMo = gaps.filter((g) => g.dimension === 'mo');
  const total = (column: string) => byMo.reduce((sum, g) => sum + num(g[column]), 0);
  const rows = (dimension: string): OrderGapRow[] =>
    gaps
      .filter((g) => g.dimension === dimension)
      .map((g) => ({
        key: String(g.key),
        label: dimension === 'class' ? icd10ClassLabel(String(g.key), g.label as string | null) : String(g.label),
        cases: num(g.cases),
        casesInList: num(g.cases_in_list),
        requiredButNotNamed: num(g.required_not_named),
        casesRequiredButNotNamed: num(g.cases_not_named),
        namedButNotRequired: num(g.named_not_required),
        casesNamedBeyondList: num(g.beyond),
      }));
  return {
    listLoaded: Boolean(state.loaded),
    checkAvailableFrom: checkFrom,
    coded: total('coded'),
    otherText: total('items') - total('coded'),
    byMo: rows('mo'),
    byBureau: rows('bureau'),
    byIcdClass: rows('class'),
    repeatsAfterCheck: repeats.map((r) => ({
      key: String(r.mo_id),
      label: String(r.label),
      missingAfterCheck: num(r.missing),
      repeatedAfterCheck: num(r.repeated),
      repeatedPercent: percent(num(r.repeated), num(r.missing)),
    })),
  };
}

/**
 * The coded missing examinations by НМУ code, and free text («другое») apart by its folded text: the
 * quarter's ten most frequent of each. Items are counted as typed first, so that only the few distinct
 * texts are folded, not every item of the quarter.
 */
export async function missingExaminationCounts(db: Executor, frame: ReportFrame): Promise<{ coded: CountRow[]; other: CountRow[] }> {
  const rows = await execute<Row>(
    db,
    sql`${missingItemsCte(frame)},
        as_typed as (select code, name, count(*) as count from items group by code, name),
        ranked as (
          select code is not null as coded, coalesce(code, ${raw(FOLDED_NAME)}) as key,
                 case when code is null then min(name) else code || ' ' || min(name) end as label, sum(count) as count,
                 row_number() over (partition by code is not null order by sum(count) desc, coalesce(code, ${raw(FOLDED_NAME)})) as place
            from as_typed group by code is not null, coalesce(code, ${raw(FOLDED_NAME)}), code)
     select coded, key, label, count from ranked where place <= 10 order by coded desc, place`,
  );
  const of = (coded: boolean) =>
    rows.filter((r) => r.coded === coded).map((r) => ({ key: String(r.key), label: String(r.label), count: num(r.count), previousCount: null }));
  return { coded: of(true), other: of(false) };
}
