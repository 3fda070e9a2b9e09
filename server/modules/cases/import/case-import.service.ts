import { newId } from '../../../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { codedExaminations, examinationCodes, servicesOf } from '../../reference/medical-services.js';
import { mappedTexts, withMappedCode } from '../../reference/examination-mapping.js';
import { diagnosesOf, diagnosisCodes, diagnosisErrors } from '../../reference/diagnoses.js';
import { arrayLiteral, execute, sql } from '../../../db/sql.js';
import { UserErrorCode, domainError } from '../../../shared/errors.js';
import { OrganisationKind } from '../../organisations/organisation-kind.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { CalendarException, CalendarYear } from '../../calendar/calendar.entity.js';
import { HistoryKind } from '../case-history.entity.js';
import { formatLiteral, newCasesWrite, type NewCase, type StoredPerson } from '../new-cases.write.js';
import type { BusinessRules } from '../../../config.js';
import { reviewDueOnForNewCase } from '../review-due.js';
import { takeCaseNumbersApart } from '../case-number.js';
import { MAX_KEPT_ERRORS, errorAt, type ParsedRow, type ReadCaseRow, type RowError } from './case-row.parser.js';
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
  /** How long to wait for another import to finish. */
  waitMs: number;
}

/**
 * The entities an import reads through the ORM (the rest it reads and writes in SQL): an import in a
 * worker of its own opens an ORM of these alone, not of the whole application.
 */
export const IMPORT_ENTITIES = [Organisation, CalendarYear, CalendarException];

/** Imports are rare and serialised, so that overlapping files never race for the same cases. */
export const IMPORT_LOCK = 727_001;

/** The refusal of an import that waited its time for another one. */
export const anotherImportRunning = () =>
  domainError('file', UserErrorCode.NOT_ALLOWED, 'Сейчас загружается другой файл случаев: повторите загрузку через минуту');

/**
 * Waits for an import running before this one. A file of 100 000 rows takes about a minute, longer
 * than a request's statement may wait: after `waitMs` the user is told to come back, not shown a failure.
 */
async function waitForOtherImports(em: EntityManager, waitMs: number): Promise<void> {
  await execute(em, { sql: `set local lock_timeout = ${Math.trunc(waitMs)}`, params: [] });
  try {
    await execute(em, sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
  } catch (error) {
    // 55P03: lock_not_available, the wait ran out.
    if ((error as { code?: string }).code !== '55P03') throw error;
    throw anotherImportRunning();
  }
  await execute(em, { sql: 'set local lock_timeout = 0', params: [] });
}

/** A case's identity within an SMO; joined, not concatenated, so that the import's many keys are flat strings, not chains of pieces. */
const caseKey = (enp: string, bureauId: string, refusalDate: string) => [enp, bureauId, refusalDate].join('|');

/**
 * The organisations a file names, by ОГРН (ОГРНИП) or by the fund's registry code, in one query;
 * `of(value, kind)` finds one: by ОГРН first, else the organisation of that kind with that code.
 */
async function organisationsNamed(em: EntityManager, rows: Array<{ moOgrn: string | null; bureauOgrn: string | null }>) {
  const names = [...new Set(rows.flatMap((r) => [r.moOgrn, r.bureauOgrn]).filter((name): name is string => name !== null))];
  const found = names.length ? await em.find(Organisation, { $or: [{ ogrn: { $in: names } }, { registryCode: { $in: names } }] }) : [];
  const byOgrn = new Map(found.map((o) => [o.ogrn, o]));
  return { of: (value: string, kind: OrganisationKind) => byOgrn.get(value) ?? found.find((o) => o.kind === kind && o.registryCode === value) };
}

function organisationError(organisation: Organisation | undefined, kind: OrganisationKind, field: string, ogrn: string) {
  if (!organisation) return errorAt(field, UserErrorCode.NOT_FOUND, `организации с ОГРН или кодом в реестре ${ogrn} нет в справочнике`);
  if (organisation.kind !== kind) return errorAt(field, UserErrorCode.INVALID, `ОГРН ${ogrn} принадлежит организации другого вида`);
  if (!organisation.active) return errorAt(field, UserErrorCode.INVALID, `организация с ОГРН ${ogrn} отключена`);
  return null;
}

/** The importing SMO's own cases of these ЕНП: another insurer's are none of its business. */
async function existingCases(em: EntityManager, smoId: string, enps: string[]): Promise<Map<string, { id: string; number: string }>> {
  const rows = await execute<{ id: string; number: string; enp: string; bureau_id: string; refusal_date: string }>(
    em,
    sql`select c.id, c.number, p.enp, c.bureau_id, to_char(c.refusal_date, 'YYYY-MM-DD') as refusal_date
       from refusal_case c join insured_person p on p.id = c.person_id
      where p.enp = any(${arrayLiteral(enps)}::text[]) and p.smo_id = ${smoId}`,
  );
  return new Map(rows.map((r) => [caseKey(r.enp, r.bureau_id, r.refusal_date), { id: r.id, number: r.number }]));
}

/**
 * Rows whose diagnoses the МКБ-10 in force does not have (or has retired), or whose examinations'
 * codes the НМУ does not, become invalid, with the reason; texts an administrator mapped to a code
 * are recorded under it.
 */
async function refuseUnknownCodes(em: EntityManager, valid: ValidRow[], state: ImportState) {
  const known = await diagnosesOf(em, [...new Set(valid.flatMap((v) => diagnosisCodes(v.data)))]);
  const mapped = await mappedTexts(
    em,
    valid.flatMap((v) => v.data.missingExaminations.flatMap((e) => (e.name ? [e.name] : []))),
  );
  for (const v of valid) v.data.missingExaminations = v.data.missingExaminations.map((e) => withMappedCode(e, mapped));
  const services = await servicesOf(em, examinationCodes(valid.flatMap((v) => v.data.missingExaminations)));
  for (let i = valid.length - 1; i >= 0; i--) {
    const coded = codedExaminations(valid[i].data.missingExaminations, services);
    valid[i].data.missingExaminations = coded.entries;
    // A sheet has one column for all secondary diagnoses (and one for examinations): the error goes to it, not to an index.
    const problems = [...diagnosisErrors(valid[i].data, known), ...coded.errors].map(({ field, message }) =>
      errorAt(field.replace(/\.\d+(\.nmuCode)?$/, ''), UserErrorCode.INVALID, message),
    );
    if (problems.length === 0) continue;
    const result = valid[i].result;
    result.status = ImportRowStatus.INVALID;
    result.errors = keptErrors(state, problems);
    valid.splice(i, 1);
  }
}

/** What an import remembers between batches: every row's result, and the keys of the cases it created. */
interface ImportState {
  results: ImportRowResult[];
  /** A case's key → the result of the row that created it: a later row with the key repeats that row. */
  createdBy: Map<string, ImportRowResult>;
  errorsKept: number;
}

const ERRORS_NOT_KEPT: RowError[] = [
  errorAt(null, UserErrorCode.INVALID, `Строка с ошибками; в файле их больше ${MAX_KEPT_ERRORS}: исправьте показанные и загрузите файл снова`),
];
const NO_ERRORS: RowError[] = [];

/** The errors a row's result keeps: the reading's and the checks' together, MAX_KEPT_ERRORS in all. */
function keptErrors(state: ImportState, errors: RowError[], notKept = false): RowError[] {
  if (notKept) return ERRORS_NOT_KEPT;
  if (errors.length === 0) return NO_ERRORS;
  state.errorsKept += errors.length;
  return state.errorsKept <= MAX_KEPT_ERRORS ? errors : ERRORS_NOT_KEPT;
}

/**
 * Imports the rows of one file in one transaction, a batch at a time as the file is read: every
 * row of a batch is checked first; its valid new rows are inserted in bulk, rows already in Razbor
 * are reported with their case, invalid rows with their errors. An unexpected failure, or a file
 * that turns out unreadable halfway, writes nothing.
 */
export async function importCaseRows(em: EntityManager, target: ImportTarget, batches: AsyncIterable<ReadCaseRow[]>): Promise<ImportReport> {
  const reading = batches[Symbol.asyncIterator]();
  const state: ImportState = { results: [], createdBy: new Map(), errorsKept: 0 };
  // Asked once, and only when a case is created: a file of invalid rows is reported whatever the calendar holds.
  let due: Promise<string | null> | undefined;
  const reviewDueOn = () => (due ??= reviewDueOnForNewCase(em, target.rules));
  try {
    // The first batch is read before waiting for other imports: a file of one batch is read whole
    // without holding them up, as several small files sent at once are.
    let batch = await reading.next();
    await waitForOtherImports(em, target.waitMs);
    while (!batch.done) {
      // The next batch is read while this one's statements run in the database.
      const next = reading.next();
      // Its failure is the import's only once this batch is written; until then nobody awaits it.
      next.catch(() => undefined);
      await importBatch(em, { ...target, reviewDueOn }, batch.value, state);
      batch = await next;
    }
  } finally {
    // Stops the reading when the import stops early (after the batch being read); nothing when it read to the end.
    await reading.return?.();
  }
  const count = (status: ImportRowStatus) => state.results.filter((r) => r.status === status).length;
  return {
    fileName: target.fileName,
    totalRows: state.results.length,
    created: count(ImportRowStatus.CREATED),
    alreadyPresent: count(ImportRowStatus.ALREADY_PRESENT),
    invalid: count(ImportRowStatus.INVALID),
    rows: state.results,
  };
}

/** Where a batch's cases go; the review's due date is asked once, when the first case is created. */
type BatchTarget = ImportTarget & { reviewDueOn: () => Promise<string | null> };

type ValidRow = { result: ImportRowResult; data: ParsedRow; moId: string; bureauId: string };

/** Checks the rows of a batch against the reference data; the valid ones, the others recorded as invalid. */
async function validRowsOf(em: EntityManager, parsedRows: ReadCaseRow[], state: ImportState): Promise<ValidRow[]> {
  const valid: ValidRow[] = [];
  const organisations = await organisationsNamed(
    em,
    parsedRows.map(({ parsed }) => parsed),
  );
  for (const { row, parsed, errorsNotKept } of parsedRows) {
    // The organisations are checked whatever else is wrong: the row's report lists every error at once.
    const mo = parsed.moOgrn ? organisations.of(parsed.moOgrn, OrganisationKind.MO) : undefined;
    const bureau = parsed.bureauOgrn ? organisations.of(parsed.bureauOgrn, OrganisationKind.MSE_BUREAU) : undefined;
    const problems = [
      parsed.moOgrn ? organisationError(mo, OrganisationKind.MO, 'moId', parsed.moOgrn) : null,
      parsed.bureauOgrn ? organisationError(bureau, OrganisationKind.MSE_BUREAU, 'bureauId', parsed.bureauOgrn) : null,
    ].filter((e): e is RowError => e !== null);
    const errors = keptErrors(state, [...parsed.errors, ...problems], errorsNotKept);
    const result = { row, status: errors.length ? ImportRowStatus.INVALID : ImportRowStatus.CREATED, caseId: null, caseNumber: null, errors };
    state.results.push(result);
    if (parsed.data && errors.length === 0) valid.push({ result, data: parsed.data, moId: mo!.id, bureauId: bureau!.id });
  }
  await refuseUnknownCodes(em, valid, state);
  return valid;
}

async function importBatch(em: EntityManager, target: BatchTarget, parsedRows: ReadCaseRow[], state: ImportState) {
  const valid = await validRowsOf(em, parsedRows, state);
  const existing = await existingCases(em, target.smoId, [...new Set(valid.map((v) => v.data.person.enp))]);
  const repeats = new Map<ImportRowResult, ImportRowResult>();
  const toCreate = valid.filter(({ result, data, bureauId }) => {
    const key = caseKey(data.person.enp, bureauId, data.refusalDate);
    // Asked first: a case an earlier batch created is in the database by now, yet its row is what this one repeats.
    const earlier = state.createdBy.get(key);
    if (earlier !== undefined) {
      result.status = ImportRowStatus.ALREADY_PRESENT;
      repeats.set(result, earlier);
      result.errors = [errorAt(null, UserErrorCode.ALREADY_EXISTS, `Повтор строки ${earlier.row}: тот же человек, бюро и дата отказа`)];
      return false;
    }
    const present = existing.get(key);
    if (present) {
      Object.assign(result, { status: ImportRowStatus.ALREADY_PRESENT, caseId: present.id, caseNumber: present.number });
      return false;
    }
    state.createdBy.set(key, result);
    return true;
  });

  await createCases(em, target, toCreate);
  for (const [repeat, first] of repeats) Object.assign(repeat, { caseId: first.caseId, caseNumber: first.caseNumber });
}

/**
 * Rows per write. Each case is about thirty parameters (a statement takes at most 65,535), and the
 * ORM sends them inlined: a write of 250 cases is about 300 KB of text, while one of 500 made the
 * import's bounded heap collect garbage for a third of its time (measured on 100 000 rows).
 */
const CHUNK = 250;

/** The SMO's own records of these persons, as registration reads them. */
async function storedPersons(em: EntityManager, smoId: string, enps: string[]): Promise<Map<string, StoredPerson>> {
  const rows = await execute<StoredPerson & { birth_date: string }>(
    em,
    sql`select id, enp, snils, surname, name, patronymic, to_char(birth_date, 'YYYY-MM-DD') as birth_date, sex
       from insured_person where enp = any(${arrayLiteral(enps)}::text[]) and smo_id = ${smoId}`,
  );
  return new Map(rows.map(({ birth_date, ...p }) => [p.enp, { ...p, birthDate: birth_date }]));
}

/** New cases through registration's write, a chunk of rows per statement, inside the import's transaction. */
async function createCases(em: EntityManager, target: BatchTarget, rows: ValidRow[]): Promise<void> {
  if (rows.length === 0) return;
  const file = formatLiteral(target.fileName);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // Read per chunk: a person an earlier chunk wrote is known to the later ones.
    const stored = await storedPersons(em, target.smoId, [...new Set(chunk.map((r) => r.data.person.enp))]);
    const cases: NewCase[] = chunk.map(({ result: { row }, data: { moOgrn: _mo, bureauOgrn: _bureau, ...data }, moId, bureauId }) => ({
      id: newId(),
      data: { ...data, moId, bureauId, idempotencyKey: null },
      stored: stored.get(data.person.enp) ?? null,
      event: { kind: HistoryKind.IMPORTED, summary: `Случай %s загружен из файла «${file}», строка ${row}` },
    }));
    const numbers = await takeCaseNumbersApart(em, currentYear(), cases.length);
    const reviewDueOn = await target.reviewDueOn();
    await execute(em, newCasesWrite({ smoId: target.smoId, actorId: target.actorUserId, reviewDueOn, cases, numbers: { taken: numbers } }, 'id'));
    chunk.forEach(({ result }, k) => Object.assign(result, { caseId: cases[k].id, caseNumber: numbers[k] }));
  }
}
