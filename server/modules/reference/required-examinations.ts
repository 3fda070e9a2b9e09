import type { EntityManager } from '@mikro-orm/postgresql';
import { differenceInYears } from 'date-fns/differenceInYears';
import { parseISO } from 'date-fns/parseISO';
import { arrayLiteral, execute, sql, type Sql } from '../../db/sql.js';
import { domainError, UserErrorCode } from '../../shared/errors.js';
import { inIcd10Ranges, inIcd10RangeSql, type Icd10Range } from './icd10-ranges.js';
import { EXAMINATIONS_FOR_MSE_OID, NMU_OID } from './register.parser.js';
import { currentVersionSql } from './register.service.js';

/** An examination the 402н/631н list requires before a referral to МСЭ. */
export interface RequiredExamination {
  nmuCode: string;
  name: string;
  /** Main (1) rather than additional (2) in the order. */
  basic: boolean;
  /** Consultation, laboratory or instrumental, as the list names it. */
  type: string | null;
}

interface ListRow {
  nmuCode: string;
  description: string;
  basic: boolean;
  type: string | null;
  section: string;
  range: Icd10Range;
}

/** The list in force: the version of ФНСИ 1.2.643.5.1.13.13.99.2.857 published last. */
export const listInForceSql: Sql = currentVersionSql(EXAMINATIONS_FOR_MSE_OID);

/** Section I of the order for persons of 18 and over on the day, section II for children. */
export const sectionFor = (birthDate: string, onDate: string) => (differenceInYears(parseISO(onDate), parseISO(birthDate)) >= 18 ? '1' : '2');

/** `sectionFor` in SQL, for a birth date and a day held in columns. */
export const sectionSql = (birthDate: string, onDate: string) => `(case when age(${onDate}, ${birthDate}) >= interval '18 years' then '1' else '2' end)`;

/**
 * The list's examinations required for a diagnosis in a section, in SQL: one row per service
 * (`nmu_code`, `basic` — main when any of its rows says main), for a diagnosis and section held in columns.
 */
export const requiredByListSql = (diagnosis: string, section: string): Sql => ({
  sql: `(select r.nmu_code, bool_or(r.basic) as basic from examination_range r
          where r.version_id = (${listInForceSql.sql}) and r.section = ${section}
            and ${inIcd10RangeSql(diagnosis, 'r.range_from', 'r.range_to')}
          group by r.nmu_code)`,
  params: listInForceSql.params,
});

/** The ranges of the list in force, read once per loaded version (a published version never changes). */
const parsedLists = new Map<string, ListRow[]>();

async function listInForce(em: EntityManager): Promise<ListRow[] | null> {
  const [version] = await execute<{ id: string }>(em, sql`select ${listInForceSql} as id`);
  if (!version?.id) return null;
  if (!parsedLists.has(version.id)) {
    const rows = await execute<ListRow & { rangeFrom: string; rangeTo: string }>(
      em,
      sql`select nmu_code as "nmuCode", description, basic, type, section, range_from as "rangeFrom", range_to as "rangeTo"
            from examination_range where version_id = ${version.id}`,
    );
    parsedLists.set(
      version.id,
      rows.map(({ rangeFrom, rangeTo, ...row }) => ({ ...row, range: { from: rangeFrom, to: rangeTo } })),
    );
  }
  return parsedLists.get(version.id)!;
}

export interface RequiredQuery {
  mainDiagnosis: string;
  birthDate: string;
  onDate: string;
}

function requiredRows(list: ListRow[], query: RequiredQuery): ListRow[] {
  const code = query.mainDiagnosis.trim().toUpperCase();
  const section = sectionFor(query.birthDate, query.onDate);
  const byCode = new Map<string, ListRow>();
  for (const row of list) {
    if (row.section !== section || !inIcd10Ranges(code, [row.range])) continue;
    const earlier = byCode.get(row.nmuCode);
    if (!earlier || (row.basic && !earlier.basic)) byCode.set(row.nmuCode, row);
  }
  return [...byCode.values()];
}

/**
 * For each query, the examinations the list in force requires for the main diagnosis at the
 * person's age on the day: main ones first, then by НМУ code, named as the НМУ in force names them
 * (one query for all names). Null when no list is loaded.
 */
export async function requiredExaminationsMany(
  em: EntityManager,
  queries: readonly RequiredQuery[],
  { named = true } = {},
): Promise<RequiredExamination[][] | null> {
  const list = await listInForce(em);
  if (!list) return null;
  const perQuery = queries.map((q) => requiredRows(list, q));
  // Without names (whether a code is required is all some callers ask) the list's own words stand in.
  const names = named ? await nmuNames(em, [...new Set(perQuery.flat().map((r) => r.nmuCode))]) : new Map<string, string>();
  return perQuery.map((rows) =>
    rows
      .map((row) => ({ nmuCode: row.nmuCode, name: names.get(row.nmuCode) ?? row.description, basic: row.basic, type: row.type }))
      .sort((a, b) => Number(b.basic) - Number(a.basic) || a.nmuCode.localeCompare(b.nmuCode)),
  );
}

/**
 * As `requiredExaminationsMany` for one query, refused when no list is loaded: an empty answer
 * would read as "nothing required".
 */
export async function requiredExaminations(em: EntityManager, query: RequiredQuery): Promise<RequiredExamination[]> {
  const [required] = (await requiredExaminationsMany(em, [query])) ?? [];
  if (!required) {
    throw domainError(
      null,
      UserErrorCode.NOT_FOUND,
      'Перечень обследований для МСЭ (приказ 402н/631н, справочник ФНСИ 1.2.643.5.1.13.13.99.2.857) не загружен',
    );
  }
  return required;
}

/** What the list requires that is not among the examinations already done. */
export async function missingForReferral(em: EntityManager, input: RequiredQuery & { doneNmuCodes: string[] }): Promise<RequiredExamination[]> {
  const done = new Set(input.doneNmuCodes.map((c) => c.trim().toUpperCase()));
  return (await requiredExaminations(em, input)).filter((e) => !done.has(e.nmuCode.toUpperCase()));
}

async function nmuNames(em: EntityManager, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await execute<{ code: string; name: string }>(
    em,
    sql`select e.code, e.name from register_entry e
         where e.version_id = ${currentVersionSql(NMU_OID)} and e.code = any(${arrayLiteral(codes)}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}
