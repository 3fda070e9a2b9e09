import { raw, sql, type Sql } from '../../db/sql.js';
import { currentIcd10Sql } from './diagnoses.js';

/**
 * The classes of the МКБ-10 in force, for a report's `with`: in the register a class is a row
 * without a parent («IX», «БОЛЕЗНИ СИСТЕМЫ КРОВООБРАЩЕНИЯ»), and every row below it has a
 * `REC_CODE` that starts with the class's (class `09`, block `0907`, rubric `0907I63`).
 */
export const icd10ClassesSql: Sql = sql`icd10_classes as (
      select code, name, data->>'REC_CODE' as rec from register_entry where version_id = ${currentIcd10Sql} and parent_key is null)`;

/** The class code (as «IX») of a diagnosis column, given `icd10_classes`; «—» for a code the dictionary lacks. */
export const icd10ClassOfSql = (column: string): Sql =>
  sql`coalesce((select cl.code from register_entry d join icd10_classes cl on cl.rec = left(d.data->>'REC_CODE', 2)
                 where d.version_id = ${currentIcd10Sql} and d.code = ${raw(column)}), '—')`;

/** «IX. Болезни системы кровообращения»: the register writes class names in capitals. */
export function icd10ClassLabel(code: string, name: string | null): string {
  if (!name) return 'Вне классов МКБ-10';
  return `${code}. ${name.charAt(0)}${name.slice(1).toLocaleLowerCase('ru')}`;
}

/** The block (as «I60-I69») of a rubric column: the register's row whose `REC_CODE` is the first four characters of the rubric's. */
export const icd10BlockOfSql = (column: string): Sql =>
  sql`coalesce((select b.code from register_entry d join register_entry b on b.version_id = d.version_id and b.data->>'REC_CODE' = left(d.data->>'REC_CODE', 4)
                 where d.version_id = ${currentIcd10Sql} and d.code = ${raw(column)}), '—')`;

/** The name of a block code of the МКБ-10 in force. */
export const icd10BlockNameSql = (column: string): Sql =>
  sql`(select b.name from register_entry b where b.version_id = ${currentIcd10Sql} and b.code = ${raw(column)} and length(b.data->>'REC_CODE') = 4)`;

/** «I60-I69 Цереброваскулярные болезни». */
export function icd10BlockLabel(code: string, name: string | null): string {
  if (!name) return 'Вне блоков МКБ-10';
  return `${code} ${name.charAt(0)}${name.slice(1).toLocaleLowerCase('ru')}`;
}

/**
 * Whether a diagnosis column falls in a class («IX») or block («I60-I69») of the МКБ-10 in force: its
 * rubric's `REC_CODE` starts with the group's. The report's class and block figures group the same way.
 */
export const icd10GroupContainsSql = (column: string, group: string): Sql =>
  sql`exists (select 1 from register_entry d join register_entry g on g.version_id = d.version_id
               where d.version_id = ${currentIcd10Sql} and d.code = left(${raw(column)}, 3) and g.code = ${group}
                 and length(g.data->>'REC_CODE') in (2, 4) and left(d.data->>'REC_CODE', length(g.data->>'REC_CODE')) = g.data->>'REC_CODE')`;
