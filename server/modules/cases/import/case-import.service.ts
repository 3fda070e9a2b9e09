import { newId } from '../../../shared/ids.js';
import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral } from '../../../db/sql.js';
import { UserErrorCode } from '../../../shared/errors.js';
import { OrganisationKind } from '../../organisations/organisation-kind.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { InsuredPerson } from '../../persons/insured-person.entity.js';
import { CaseHistoryEntry, HistoryKind } from '../case-history.entity.js';
import type { BusinessRules } from '../../../config.js';
import { reserveCaseNumbers } from '../case-number.js';
import { reviewDueOnForNewCase } from '../review-due.js';
import { caseFields } from '../refusal-case.rules.js';
import { personFields } from '../../persons/person.service.js';
import { RefusalCase } from '../refusal-case.entity.js';
import { refreshSearchText } from '../refusal-case.service.js';
import { errorAt, parseCaseRow, type ParsedRow, type RowError } from './case-row.parser.js';
import type { SheetRow } from './case-sheet.reader.js';
import { currentYear } from '../../../shared/clock.js';

export enum ImportRowStatus {
  CREATED = 'CREATED',
  ALREADY_PRESENT = 'ALREADY_PRESENT',
  INVALID = 'INVALID',
}

export interface ImportRowResult {
  row: number;
  status: ImportRowStatus;
  caseId: string | null;
  caseNumber: string | null;
  errors: RowError[];
}

export interface ImportReport {
  fileName: string;
  totalRows: number;
  created: number;
  alreadyPresent: number;
  invalid: number;
  rows: ImportRowResult[];
}

export interface ImportTarget {
  smoId: string;
  rules: BusinessRules;
  /** The SMO expert the import is recorded under. */
  actorUserId: string;
  fileName: string;
}

/** Imports are rare and serialised, so that overlapping files never race for the same cases. */
const IMPORT_LOCK = 727_001;
const CHUNK = 1000;

async function insertInChunks<T extends object>(em: EntityManager, entity: EntityName<T>, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await em.insertMany(entity, rows.slice(i, i + CHUNK) as never);
}

const caseKey = (enp: string, bureauId: string, refusalDate: string) => `${enp}|${bureauId}|${refusalDate}`;

async function organisationsByOgrn(em: EntityManager, rows: ParsedRow[]) {
  const ogrns = [...new Set(rows.flatMap((r) => [r.moOgrn, r.bureauOgrn]))];
  const found = await em.find(Organisation, { ogrn: { $in: ogrns } });
  return new Map(found.map((o) => [o.ogrn, o]));
}

function organisationError(organisation: Organisation | undefined, kind: OrganisationKind, field: string, ogrn: string) {
  if (!organisation) return errorAt(field, UserErrorCode.NOT_FOUND, `организация с ОГРН ${ogrn} не найдена в справочнике`);
  if (organisation.kind !== kind) return errorAt(field, UserErrorCode.INVALID, `ОГРН ${ogrn} принадлежит организации другого вида`);
  if (!organisation.active) return errorAt(field, UserErrorCode.INVALID, `организация с ОГРН ${ogrn} отключена`);
  return null;
}

/** The importing SMO's own cases of these ЕНП: another insurer's are none of its business. */
async function existingCases(em: EntityManager, smoId: string, enps: string[]): Promise<Map<string, { id: string; number: string }>> {
  const rows = await em.execute<{ id: string; number: string; enp: string; bureau_id: string; refusal_date: string }[]>(
    `select c.id, c.number, p.enp, c.bureau_id, to_char(c.refusal_date, 'YYYY-MM-DD') as refusal_date
       from refusal_case c join insured_person p on p.id = c.person_id
      where p.enp = any(?::text[]) and p.smo_id = ?`,
    [arrayLiteral(enps), smoId],
  );
  return new Map(rows.map((r) => [caseKey(r.enp, r.bureau_id, r.refusal_date), { id: r.id, number: r.number }]));
}

/**
 * Imports the rows of one file in one transaction: every row is checked first; valid new rows
 * are inserted in bulk, rows already in Razbor are reported with their case, invalid rows with
 * their errors. An unexpected failure writes nothing.
 */
export async function importCaseRows(em: EntityManager, target: ImportTarget, sheetRows: SheetRow[]): Promise<ImportReport> {
  await em.execute('select pg_advisory_xact_lock(?)', [IMPORT_LOCK]);
  const results: ImportRowResult[] = [];
  const valid: Array<{ row: number; data: ParsedRow; moId: string; bureauId: string }> = [];
  const parsedRows = sheetRows.map((row) => ({ row: row.rowNumber, parsed: parseCaseRow(row) }));
  const organisations = await organisationsByOgrn(
    em,
    parsedRows.flatMap(({ parsed }) => ('data' in parsed ? [parsed.data] : [])),
  );

  for (const { row, parsed } of parsedRows) {
    const errors = 'errors' in parsed ? parsed.errors : [];
    if ('data' in parsed) {
      const mo = organisations.get(parsed.data.moOgrn);
      const bureau = organisations.get(parsed.data.bureauOgrn);
      const problems = [
        organisationError(mo, OrganisationKind.MO, 'moId', parsed.data.moOgrn),
        organisationError(bureau, OrganisationKind.MSE_BUREAU, 'bureauId', parsed.data.bureauOgrn),
      ].filter((e): e is RowError => e !== null);
      if (problems.length === 0) valid.push({ row, data: parsed.data, moId: mo!.id, bureauId: bureau!.id });
      errors.push(...problems);
    }
    results.push({ row, status: errors.length ? ImportRowStatus.INVALID : ImportRowStatus.CREATED, caseId: null, caseNumber: null, errors });
  }

  const byRow = new Map(results.map((r) => [r.row, r]));
  const existing = await existingCases(em, target.smoId, [...new Set(valid.map((v) => v.data.person.enp))]);
  const inFile = new Map<string, number>();
  const repeats = new Map<number, number>();
  const toCreate = valid.filter((v) => {
    const key = caseKey(v.data.person.enp, v.bureauId, v.data.refusalDate);
    const result = byRow.get(v.row)!;
    const present = existing.get(key);
    if (present) {
      Object.assign(result, { status: ImportRowStatus.ALREADY_PRESENT, caseId: present.id, caseNumber: present.number });
      return false;
    }
    const earlierRow = inFile.get(key);
    if (earlierRow !== undefined) {
      result.status = ImportRowStatus.ALREADY_PRESENT;
      repeats.set(v.row, earlierRow);
      result.errors.push(errorAt(null, UserErrorCode.ALREADY_EXISTS, `Повтор строки ${earlierRow}: тот же человек, бюро и дата отказа`));
      return false;
    }
    inFile.set(key, v.row);
    return true;
  });

  await createCases(em, target, toCreate, byRow);
  for (const [row, earlierRow] of repeats) {
    const first = byRow.get(earlierRow)!;
    Object.assign(byRow.get(row)!, { caseId: first.caseId, caseNumber: first.caseNumber });
  }
  const count = (status: ImportRowStatus) => results.filter((r) => r.status === status).length;
  return {
    fileName: target.fileName,
    totalRows: results.length,
    created: count(ImportRowStatus.CREATED),
    alreadyPresent: count(ImportRowStatus.ALREADY_PRESENT),
    invalid: count(ImportRowStatus.INVALID),
    rows: results,
  };
}

async function createCases(
  em: EntityManager,
  target: ImportTarget,
  rows: Array<{ row: number; data: ParsedRow; moId: string; bureauId: string }>,
  byRow: Map<number, ImportRowResult>,
): Promise<void> {
  if (rows.length === 0) return;
  const enps = [...new Set(rows.map((r) => r.data.person.enp))];
  const known = await em.find(InsuredPerson, { enp: { $in: enps }, smo: target.smoId }, { fields: ['id', 'enp'] });
  const personIds = new Map(known.map((p) => [p.enp, p.id]));
  const newPersons = rows
    .filter((r) => !personIds.has(r.data.person.enp) && personIds.set(r.data.person.enp, newId()))
    .map(({ data: { person } }) => ({ id: personIds.get(person.enp)!, ...personFields(person), smo: target.smoId, enpChecksumOverridden: false }));
  await insertInChunks(em, InsuredPerson, newPersons);

  const numbers = await reserveCaseNumbers(em, currentYear(), rows.length);
  const reviewDueOn = await reviewDueOnForNewCase(em, target.rules);
  const now = Date.now();
  const cases = rows.map(({ row, data, moId, bureauId }, i) => {
    const result = byRow.get(row)!;
    Object.assign(result, { caseId: newId(), caseNumber: numbers[i] });
    return {
      id: result.caseId,
      number: numbers[i],
      person: personIds.get(data.person.enp),
      smo: target.smoId,
      mo: moId,
      bureau: bureauId,
      ...caseFields(data),
      state: 'REGISTERED',
      registeredBy: target.actorUserId,
      reviewDueOn,
      version: 1,
    };
  });
  await insertInChunks(em, RefusalCase, cases);
  await insertInChunks(
    em,
    CaseHistoryEntry,
    cases.map((c, i) => ({
      id: newId(),
      refusalCase: c.id,
      actor: target.actorUserId,
      occurredAt: new Date(now + i),
      kind: HistoryKind.IMPORTED,
      summary: `Случай ${c.number} загружен из файла «${target.fileName}», строка ${rows[i].row}`,
      changes: [],
    })),
  );
  await refreshSearchText(em, [...new Set(cases.map((c) => c.person!))]);
}
