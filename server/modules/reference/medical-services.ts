import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral, execute, sql, type Sql } from '../../db/sql.js';
import { DomainError, UserErrorCode } from '../../shared/errors.js';
import { latinNmuCode } from '../../shared/identifiers.js';
import { NMU_OID } from './register.parser.js';
import { currentVersionSql, nameContainsSql } from './register.service.js';

/** A service of the nomenclature of medical services (НМУ) as the version in force names it. */
export interface MedicalService {
  code: string;
  name: string;
  actual: boolean;
}

/** The НМУ in force: the version published last. */
export const currentNmuSql: Sql = currentVersionSql(NMU_OID);

/**
 * These codes as the НМУ in force has them, as JSON for a statement's checks; null when no НМУ is
 * loaded, or when there is no code to look up (the statement then plans no lookup at all: most
 * registrations name examinations by text, and planning the lookup cost a third of one).
 */
export const servicesJsonSql = (codes: string[]): Sql =>
  codes.length === 0
    ? sql`null::json`
    : sql`(select case when ${currentNmuSql} is null then null
                   else coalesce(json_agg(json_build_object('code', e.code, 'name', e.name, 'actual', e.actual)), '[]'::json) end
         from register_entry e where e.version_id = ${currentNmuSql} and e.code = any(${arrayLiteral(codes)}::text[]))`;

export const servicesFromJson = (entries: MedicalService[] | null): Map<string, MedicalService> | null =>
  entries ? new Map(entries.map((e) => [e.code, e])) : null;

/** These codes as the НМУ in force has them (one query); null when no НМУ is loaded. */
export async function servicesOf(em: EntityManager, codes: string[]): Promise<Map<string, MedicalService> | null> {
  const [row] = await execute<{ services: MedicalService[] | null }>(em, sql`select ${servicesJsonSql(codes)} as services`);
  return servicesFromJson(row.services);
}

/** Up to `first` current services of the НМУ in force: by code when the search looks like one, else by words of the name. */
export async function searchMedicalServices(em: EntityManager, search: string, first: number): Promise<MedicalService[]> {
  const term = search.replace(/[\\%_]/g, '').trim();
  if (!term) return [];
  const byCode = /^[AaBbАаВв]\d/.test(term);
  return execute<MedicalService>(
    em,
    sql`select e.code, e.name, e.actual from register_entry e
         where e.version_id = ${currentNmuSql} and e.actual
           and ${byCode ? sql`e.code like ${`${latinNmuCode(term)}%`}` : nameContainsSql('e', term)}
         order by e.code limit ${Math.min(Math.max(first, 1), 50)}`,
  );
}

/** A missing examination as a case stores it: an НМУ service, or free text («другое») when `nmuCode` is null. */
export interface ExaminationEntry {
  name: string;
  nmuCode: string | null;
  namedByBureau: boolean;
}

export const examinationCodes = (items: Array<{ nmuCode?: string | null }>): string[] => [...new Set(items.flatMap((i) => (i.nmuCode ? [i.nmuCode] : [])))];

/** Why a code cannot name a missing examination, in Russian; null when it can. */
function serviceProblem(code: string, known: Map<string, MedicalService>): string | null {
  const entry = known.get(code);
  if (!entry) return `Услуги ${code} нет в номенклатуре медицинских услуг`;
  if (!entry.actual) return `Услуга ${code} исключена из номенклатуры медицинских услуг`;
  return null;
}

/**
 * The examinations named as the НМУ in force names them (the name is kept with the case, so a later
 * НМУ does not rename what was recorded), with each unknown or retired code at its field.
 */
export function codedExaminations(
  items: Array<{ name?: string | null; nmuCode?: string | null; namedByBureau: boolean }>,
  known: Map<string, MedicalService> | null,
  field = 'missingExaminations',
): { entries: ExaminationEntry[]; errors: Array<{ field: string; message: string }> } {
  const errors: Array<{ field: string; message: string }> = [];
  const entries = items.map((item, i) => {
    const code = item.nmuCode ?? null;
    if (!code) return { name: item.name ?? '', nmuCode: null, namedByBureau: item.namedByBureau };
    const problem = known ? serviceProblem(code, known) : null;
    if (problem) errors.push({ field: `${field}.${i}.nmuCode`, message: problem });
    return { name: known?.get(code)?.name ?? item.name ?? code, nmuCode: code, namedByBureau: item.namedByBureau };
  });
  return { entries, errors };
}

/** As `codedExaminations`, refusing the whole input when any code is unknown or retired. */
export function assertCodedExaminations(
  items: Array<{ name?: string | null; nmuCode?: string | null; namedByBureau: boolean }>,
  known: Map<string, MedicalService> | null,
): ExaminationEntry[] {
  const { entries, errors } = codedExaminations(items, known);
  if (errors.length) throw new DomainError(errors.map((e) => ({ ...e, code: UserErrorCode.INVALID })));
  return entries;
}
