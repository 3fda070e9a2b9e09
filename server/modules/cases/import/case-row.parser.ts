import { leadingNmuCode } from '../../../shared/identifiers.js';
import { UserErrorCode } from '../../../shared/errors.js';
import { toUserErrors } from '../../../shared/validation.js';
import { caseConsistencyErrors, registerCaseSchema, type RegisterCaseData } from '../refusal-case.rules.js';
import { CASE_SHEET_COLUMNS, columnLetter, columnOfField } from './case-sheet.layout.js';
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

export function errorAt(fieldPath: string | null, code: UserErrorCode, message: string): RowError {
  const column = columnOfField(fieldPath);
  const index = column ? CASE_SHEET_COLUMNS.indexOf(column) : -1;
  return {
    column: column?.header ?? null,
    columnLetter: index >= 0 ? columnLetter(index) : null,
    field: fieldPath,
    message: column ? `${column.header}: ${message}` : message,
    code,
  };
}

/** Turns one sheet row into registration data, or into the errors of its cells. */
export function parseCaseRow(row: SheetRow): { data: ParsedRow } | { errors: RowError[] } {
  const c = row.cells;
  if (typeof c.enp === 'number' && !Number.isSafeInteger(c.enp)) {
    return {
      errors: [errorAt('person.enp', UserErrorCode.INVALID, 'число искажено Excel; задайте столбцу текстовый формат и введите ЕНП заново')],
    };
  }
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
  const errors: RowError[] = [];
  const moOgrn = asText(c.moOgrn);
  const bureauOgrn = asText(c.bureauOgrn);
  if (!moOgrn) errors.push(errorAt('moId', UserErrorCode.REQUIRED, 'не заполнено'));
  if (!bureauOgrn) errors.push(errorAt('bureauId', UserErrorCode.REQUIRED, 'не заполнено'));
  const parsed = registerCaseSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const e of toUserErrors(parsed.error)) errors.push(errorAt(e.field, e.code, e.message));
  } else {
    for (const e of caseConsistencyErrors(parsed.data)) errors.push(errorAt(e.field, e.code, e.message));
  }
  if (errors.length || !parsed.success) return { errors };
  const { moId: _m, bureauId: _b, ...data } = parsed.data;
  return { data: { ...data, moOgrn: moOgrn!, bureauOgrn: bureauOgrn! } };
}
