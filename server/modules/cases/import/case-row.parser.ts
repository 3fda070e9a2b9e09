import { leadingNmuCode } from '../../../shared/identifiers.js';
import { UserErrorCode } from '../../../shared/errors.js';
import { toUserErrors } from '../../../shared/validation.js';
import { CASE_CHECKS } from '../../../shared/case-fields.js';
import { ruDate } from '../../../shared/dates.js';
import { caseConsistencyErrors, registerCaseSchema, type RegisterCaseData } from '../refusal-case.rules.js';
import { CASE_SHEET_COLUMNS, ENP_UNCHECKED_HEADER, columnLetter, columnOfField } from './case-sheet.layout.js';
import type { CellValue, SheetRow } from './case-sheet.reader.js';

export interface RowError {
  column: string | null;
  columnLetter: string | null;
  field: string | null;
  message: string;
  code: UserErrorCode;
}

/** A row's registration data with the organisations still named by ОГРН. */
export type ParsedRow = Omit<RegisterCaseData, 'moId' | 'bureauId'> & { moOgrn: string; bureauOgrn: string };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function asText(value: CellValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim() || null;
}

/** Dates as spreadsheets hold them: date cells, Excel serial numbers, ДД.ММ.ГГГГ or ГГГГ-ММ-ДД text. */
export function asIsoDate(value: CellValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return new Date(EXCEL_EPOCH + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  const text = value.trim();
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (dotted) return `${dotted[3]}-${dotted[2].padStart(2, '0')}-${dotted[1].padStart(2, '0')}`;
  return text;
}

const SEX: Record<string, 'MALE' | 'FEMALE'> = { м: 'MALE', муж: 'MALE', мужской: 'MALE', ж: 'FEMALE', жен: 'FEMALE', женский: 'FEMALE' };

function asExaminations(value: CellValue) {
  return (asText(value) ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const text = item.replace(/\*+$/, '').trim();
      // «A05.10.006 ЭКГ» is the service A05.10.006 whatever words follow its code.
      const code = leadingNmuCode(text)?.code ?? null;
      return { nmuCode: code, name: code ? null : text, namedByBureau: item.endsWith('*') };
    });
}

export function errorAt(fieldPath: string | null, code: UserErrorCode, message: string, read?: CellValue): RowError {
  const column = columnOfField(fieldPath);
  const index = column ? CASE_SHEET_COLUMNS.indexOf(column) : -1;
  const shown = read === undefined || read === null ? '' : ` (прочитано: «${shownValue(read)}»)`;
  return {
    column: column?.header ?? null,
    columnLetter: index >= 0 ? columnLetter(index) : null,
    field: fieldPath,
    message: column ? `${column.header}: ${message}${shown}` : message,
    code,
  };
}

/** A cell as the person will recognise it: dates as ДД.ММ.ГГГГ, numbers without exponents. */
function shownValue(value: CellValue): string {
  if (value instanceof Date) return ruDate(value.toISOString().slice(0, 10));
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(Math.round(value)).toString() : String(value);
  return value ?? '';
}

/** An organisation as a cell names it: its ОГРН or registry code, or the template's list item «name — ОГРН …». */
function organisationKey(value: CellValue): string | null {
  const text = asText(value);
  return text ? (/ОГРН\s*(\d{13}|\d{15})$/.exec(text)?.[1] ?? text) : null;
}

const YES = new Set(['да', 'д', 'yes', 'y', '1', '+', 'x', 'х', 'true']);

/** In a file the form's confirmation is a cell: the checksum error says which. */
const FILE_MESSAGES: Record<string, string> = {
  [CASE_CHECKS.enpChecksum]: `неверная контрольная цифра. Если полис настоящий, поставьте «да» в столбце «${ENP_UNCHECKED_HEADER}»`,
};

/** A row read: its registration data when every cell is right, and every error of its cells at once. */
export interface ParsedCaseRow {
  data: ParsedRow | null;
  errors: RowError[];
  /** The organisations as the row names them (ОГРН or registry code), checked even when other cells are wrong. */
  moOgrn: string | null;
  bureauOgrn: string | null;
}

/** Turns one sheet row into registration data, and names every wrong cell with the value read. */
export function parseCaseRow(row: SheetRow): ParsedCaseRow {
  const c = row.cells;
  const errors: RowError[] = [];
  const cellError = (field: string, code: UserErrorCode, message: string) => {
    const column = columnOfField(field);
    errors.push(errorAt(field, code, FILE_MESSAGES[message] ?? message, column ? c[column.key] : undefined));
  };
  // Excel keeps 15 significant digits: a 16-digit ЕНП typed as a number comes back rounded.
  const enpRounded = typeof c.enp === 'number' && !Number.isSafeInteger(c.enp);
  if (enpRounded) cellError('person.enp', UserErrorCode.INVALID, 'число искажено Excel; задайте столбцу текстовый формат и введите ЕНП заново');
  const sexText = asText(c.sex)?.toLowerCase().replace(/\.$/, '') ?? '';
  const candidate = {
    person: {
      enp: asText(c.enp) ?? '',
      snils: asText(c.snils),
      surname: asText(c.surname) ?? '',
      name: asText(c.name) ?? '',
      patronymic: asText(c.patronymic),
      birthDate: asIsoDate(c.birthDate) ?? '',
      sex: SEX[sexText] ?? sexText,
      enpChecksumOverride: YES.has(asText(c.enpUnchecked)?.toLowerCase() ?? ''),
    },
    moId: '00000000-0000-0000-0000-000000000000',
    bureauId: '00000000-0000-0000-0000-000000000000',
    referralNumber: asText(c.referralNumber) ?? '',
    referralDate: asIsoDate(c.referralDate) ?? '',
    refusalDate: asIsoDate(c.refusalDate) ?? '',
    refusalDocumentNumber: asText(c.refusalDocumentNumber) ?? '',
    mainDiagnosis: asText(c.mainDiagnosis) ?? '',
    secondaryDiagnoses: (asText(c.secondaryDiagnoses) ?? '').split(/[,;\s]+/).filter(Boolean),
    missingExaminations: asExaminations(c.missingExaminations),
    remarks: asText(c.remarks),
  };
  const moOgrn = organisationKey(c.moOgrn);
  const bureauOgrn = organisationKey(c.bureauOgrn);
  if (!moOgrn) cellError('moId', UserErrorCode.REQUIRED, 'не заполнено');
  if (!bureauOgrn) cellError('bureauId', UserErrorCode.REQUIRED, 'не заполнено');
  const parsed = registerCaseSchema.safeParse(candidate);
  const schemaErrors = parsed.success ? [] : toUserErrors(parsed.error);
  // Dates that read as dates are compared even when other cells are wrong: the row's report is complete.
  const datesRead = !schemaErrors.some((e) => e.field === 'referralDate' || e.field === 'refusalDate');
  const found = [...schemaErrors, ...(datesRead ? caseConsistencyErrors(candidate) : [])];
  for (const e of found) if (!(enpRounded && e.field === 'person.enp')) cellError(e.field ?? '', e.code, e.message);
  if (errors.length || !parsed.success) return { data: null, errors, moOgrn, bureauOgrn };
  const { moId: _m, bureauId: _b, ...data } = parsed.data;
  return { data: { ...data, moOgrn: moOgrn!, bureauOgrn: bureauOgrn! }, errors, moOgrn, bureauOgrn };
}

/** A row of a file as read and parsed, numbered as the user sees it in the file. */
export interface ReadCaseRow {
  row: number;
  parsed: ParsedCaseRow;
  /** The row is wrong, and so many rows before it were that its errors are not kept. */
  errorsNotKept?: true;
}

/**
 * Row errors a file's reading keeps. A file of 100 000 broken rows (or a bomb of them) is still
 * read, counted and reported row by row, but its errors past these are not held in memory: nobody
 * reads the 500 001st, and fixing the first ones usually fixes the rest.
 */
export const MAX_KEPT_ERRORS = 5000;

/** Parses a file's batches one after another, keeping the first MAX_KEPT_ERRORS errors of the file. */
export function batchParser(): (batch: SheetRow[]) => ReadCaseRow[] {
  let errorsKept = 0;
  return (batch) =>
    batch.map((sheetRow): ReadCaseRow => {
      const parsed = parseCaseRow(sheetRow);
      errorsKept += parsed.errors.length;
      if (parsed.errors.length === 0 || errorsKept <= MAX_KEPT_ERRORS) return { row: sheetRow.rowNumber, parsed };
      return { row: sheetRow.rowNumber, parsed: { ...parsed, data: null, errors: [] }, errorsNotKept: true };
    });
}

/** A file's rows parsed a batch at a time as they are read. */
export async function* parsedBatches(batches: AsyncIterable<SheetRow[]>): AsyncGenerator<ReadCaseRow[]> {
  const parse = batchParser();
  for await (const batch of batches) yield parse(batch);
}
