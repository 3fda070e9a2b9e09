import { CASE_FIELDS, PERSON_FIELDS, type FieldDescription } from '../../../shared/case-fields.js';

/**
 * The column layout of a refusal-case spreadsheet (XLSX or CSV), in the order of the columns.
 * `field` is the path of the registration input the column fills, used to put errors on columns.
 */
export interface SheetColumn {
  key: string;
  header: string;
  field: string;
  required: boolean;
  hint: string;
  example: string;
  /** A file may end before it: templates made before the column was added still read. */
  optional?: boolean;
}

const column = (field: string, { sheet, required }: FieldDescription): SheetColumn => ({ ...sheet, field, required });

/** The ЕНП column's header, named by the checksum error a file can then act on. */
export const ENP_UNCHECKED_HEADER = 'ЕНП без проверки';

/**
 * The person's columns, then the case's, each from its field's one description; then the columns
 * only a file has: in the form the same choice is a confirmation, in a file it is a cell.
 */
export const CASE_SHEET_COLUMNS: SheetColumn[] = [
  ...Object.entries(PERSON_FIELDS).map(([name, description]) => column(`person.${name}`, description)),
  ...Object.entries(CASE_FIELDS).map(([name, description]) => column(name, description)),
  {
    key: 'enpUnchecked',
    header: ENP_UNCHECKED_HEADER,
    field: 'person.enpChecksumOverride',
    required: false,
    optional: true,
    hint: '«да», если полис настоящий, а контрольная цифра ЕНП не сходится: случай будет принят, и это запишется в его историю',
    example: '',
  },
];

/** Column letter (A, B, …) of a column index from 0. */
export const columnLetter = (index: number) => String.fromCharCode('A'.charCodeAt(0) + index);

/** The column an input path belongs to (`person.enp` → ЕНП; `missingExaminations.2.name` → the examinations column). */
export function columnOfField(fieldPath: string | null): SheetColumn | undefined {
  if (!fieldPath) return undefined;
  return CASE_SHEET_COLUMNS.find((c) => c.field === fieldPath) ?? CASE_SHEET_COLUMNS.find((c) => fieldPath.startsWith(`${c.field}.`));
}
