import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral, execute, sql, type Sql } from '../../db/sql.js';
import { ruDate } from '../../shared/dates.js';
import { ICD10_OID } from './register.parser.js';
import { currentVersionSql, nameContainsSql } from './register.service.js';

/** A diagnosis code as the МКБ-10 in force names it. */
export interface Diagnosis {
  code: string;
  name: string;
  actual: boolean;
  changedOn: string | null;
}

/** The МКБ-10 in force: the version published last. */
export const currentIcd10Sql: Sql = currentVersionSql(ICD10_OID);

/**
 * These codes as the МКБ-10 in force has them, as a JSON array for a statement to return beside
 * its other checks; null when no МКБ-10 is loaded (then only the shape of a code is checked).
 */
export const diagnosesJsonSql = (codes: string[]): Sql =>
  sql`(select case when ${currentIcd10Sql} is null then null
                   else coalesce(json_agg(json_build_object('code', e.code, 'name', e.name, 'actual', e.actual,
                                                            'changedOn', to_char(e.changed_on, 'YYYY-MM-DD'))), '[]'::json) end
         from register_entry e where e.version_id = ${currentIcd10Sql} and e.code = any(${arrayLiteral(codes)}::text[]))`;

export const diagnosesFromJson = (entries: Diagnosis[] | null): Map<string, Diagnosis> | null => (entries ? new Map(entries.map((e) => [e.code, e])) : null);

/** These codes as the МКБ-10 in force has them (one query); null when no МКБ-10 is loaded. */
export async function diagnosesOf(em: EntityManager, codes: string[]): Promise<Map<string, Diagnosis> | null> {
  const [row] = await execute<{ diagnoses: Diagnosis[] | null }>(em, sql`select ${diagnosesJsonSql(codes)} as diagnoses`);
  return diagnosesFromJson(row.diagnoses);
}

/** Why a code cannot be a diagnosis of a case, in Russian; null when it can. */
export function diagnosisProblem(code: string, known: Map<string, Diagnosis>): string | null {
  const entry = known.get(code);
  if (!entry) return `Кода ${code} нет в МКБ-10`;
  if (!entry.actual) return `Код ${code} упразднён в МКБ-10${entry.changedOn ? ` с ${ruDate(entry.changedOn)}` : ''}`;
  return null;
}

export interface CaseDiagnoses {
  mainDiagnosis?: string | null;
  secondaryDiagnoses?: string[] | null;
}

/** The codes a case names, each with the field it is at. */
function namedDiagnoses(data: CaseDiagnoses): Array<{ field: string; code: string }> {
  return [
    ...(data.mainDiagnosis ? [{ field: 'mainDiagnosis', code: data.mainDiagnosis }] : []),
    ...(data.secondaryDiagnoses ?? []).map((code, i) => ({ field: `secondaryDiagnoses.${i}`, code })),
  ];
}

export const diagnosisCodes = (data: CaseDiagnoses): string[] => [...new Set(namedDiagnoses(data).map((n) => n.code))];

/** Each problem of a case's diagnoses at its field: the main one, then each secondary one. */
export function diagnosisErrors(data: CaseDiagnoses, known: Map<string, Diagnosis> | null): Array<{ field: string; message: string }> {
  if (!known) return [];
  return namedDiagnoses(data).flatMap(({ field, code }) => {
    const message = diagnosisProblem(code, known);
    return message ? [{ field, message }] : [];
  });
}

/** Rubrics and subrubrics only: classes («IX») and blocks («I60-I69») have codes of their own in the register. */
const ICD10_CODE_REGEX = '^[A-Z][0-9]{2}(\\.[0-9]{1,2})?$';

/** Up to `first` current codes of the МКБ-10 in force: by code when the search looks like one, else by words of the name. */
export async function searchDiagnoses(em: EntityManager, search: string, first: number): Promise<Diagnosis[]> {
  // LIKE's own characters are not searched for: the words are.
  const term = search.replace(/[\\%_]/g, '').trim();
  if (!term) return [];
  const byCode = /^[A-Za-z]\d/.test(term);
  const rows = await execute<Diagnosis>(
    em,
    sql`select e.code, e.name, e.actual, to_char(e.changed_on, 'YYYY-MM-DD') as "changedOn"
          from register_entry e
         where e.version_id = ${currentIcd10Sql} and e.actual and e.code ~ ${ICD10_CODE_REGEX}
           and ${byCode ? sql`e.code like ${`${term.toUpperCase()}%`}` : nameContainsSql('e', term)}
         order by e.code limit ${Math.min(Math.max(first, 1), 50)}`,
  );
  return rows;
}
