import type { EntityManager } from '@mikro-orm/postgresql';
import { differenceInYears, parseISO } from 'date-fns';
import { arrayLiteral, execute, sql } from '../../db/sql.js';
import { domainError, UserErrorCode } from '../../shared/errors.js';
import { inIcd10Ranges, parseIcd10Ranges, type Icd10Range } from './icd10-ranges.js';
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
  ranges: Icd10Range[];
}

/** The list in force, parsed once per loaded version (it never changes once published). */
const parsedLists = new Map<string, ListRow[]>();

async function listInForce(em: EntityManager): Promise<{ versionId: string; rows: ListRow[] } | null> {
  const [version] = await execute<{ id: string }>(em, sql`select ${currentVersionSql(EXAMINATIONS_FOR_MSE_OID)} as id`);
  if (!version?.id) return null;
  if (!parsedLists.has(version.id)) {
    const rows = await execute<{ data: Record<string, string | null> }>(em, sql`select data from register_entry where version_id = ${version.id}`);
    parsedLists.set(
      version.id,
      rows
        .filter(({ data }) => data.NMU_CODE)
        .map(({ data }) => ({
          nmuCode: data.NMU_CODE!.trim(),
          description: data.DESCRIPTION ?? '',
          basic: data.BASIC_ADDITIONAL === '1',
          type: data.NMU_TYPE,
          section: data.SECTION ?? '',
          ranges: parseIcd10Ranges(data.CATEGORY_ICD10),
        })),
    );
  }
  return { versionId: version.id, rows: parsedLists.get(version.id)! };
}

/** Section I of the order for persons of 18 and over on the day, section II for children. */
export const sectionFor = (birthDate: string, onDate: string) => (differenceInYears(parseISO(onDate), parseISO(birthDate)) >= 18 ? '1' : '2');

/**
 * The examinations the list in force requires for a main diagnosis at the person's age on a day:
 * main ones first, then by НМУ code, named as the НМУ in force names them. Refused (at `field`) when
 * no list is loaded: an empty answer would read as "nothing required".
 */
export async function requiredExaminations(
  em: EntityManager,
  query: { mainDiagnosis: string; birthDate: string; onDate: string },
): Promise<RequiredExamination[]> {
  const list = await listInForce(em);
  if (!list) {
    throw domainError(
      null,
      UserErrorCode.NOT_FOUND,
      'Перечень обследований для МСЭ (приказ 402н/631н, справочник ФНСИ 1.2.643.5.1.13.13.99.2.857) не загружен',
    );
  }
  const code = query.mainDiagnosis.trim().toUpperCase();
  const section = sectionFor(query.birthDate, query.onDate);
  const byCode = new Map<string, ListRow>();
  for (const row of list.rows) {
    if (row.section !== section || !inIcd10Ranges(code, row.ranges)) continue;
    const earlier = byCode.get(row.nmuCode);
    if (!earlier || (row.basic && !earlier.basic)) byCode.set(row.nmuCode, row);
  }
  const names = await nmuNames(em, [...byCode.keys()]);
  return [...byCode.values()]
    .map((row) => ({ nmuCode: row.nmuCode, name: names.get(row.nmuCode) ?? row.description, basic: row.basic, type: row.type }))
    .sort((a, b) => Number(b.basic) - Number(a.basic) || a.nmuCode.localeCompare(b.nmuCode));
}

/** What the list requires that is not among the examinations already done. */
export async function missingForReferral(
  em: EntityManager,
  input: { mainDiagnosis: string; birthDate: string; onDate: string; doneNmuCodes: string[] },
): Promise<RequiredExamination[]> {
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
