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
}

export const CASE_SHEET_COLUMNS: SheetColumn[] = [
  { key: 'enp', header: 'ЕНП', field: 'person.enp', required: true, hint: '16 цифр; столбец в текстовом формате', example: '5000000000000009' },
  { key: 'snils', header: 'СНИЛС', field: 'person.snils', required: false, hint: 'XXX-XXX-XXX YY', example: '112-233-445 95' },
  { key: 'surname', header: 'Фамилия', field: 'person.surname', required: true, hint: '', example: 'Цаликова' },
  { key: 'name', header: 'Имя', field: 'person.name', required: true, hint: '', example: 'Фатима' },
  { key: 'patronymic', header: 'Отчество', field: 'person.patronymic', required: false, hint: '', example: 'Хасановна' },
  { key: 'birthDate', header: 'Дата рождения', field: 'person.birthDate', required: true, hint: 'ДД.ММ.ГГГГ', example: '14.03.1961' },
  { key: 'sex', header: 'Пол', field: 'person.sex', required: true, hint: 'М или Ж', example: 'Ж' },
  { key: 'moOgrn', header: 'ОГРН МО', field: 'moId', required: true, hint: 'ОГРН направившей медицинской организации', example: '1021500000040' },
  {
    key: 'bureauOgrn',
    header: 'ОГРН бюро МСЭ',
    field: 'bureauId',
    required: true,
    hint: 'ОГРН бюро, отказавшего в освидетельствовании',
    example: '1021500000017',
  },
  { key: 'referralNumber', header: 'Номер направления 088/у', field: 'referralNumber', required: true, hint: '', example: '088-1234' },
  { key: 'referralDate', header: 'Дата направления', field: 'referralDate', required: true, hint: 'ДД.ММ.ГГГГ', example: '01.02.2024' },
  { key: 'refusalDate', header: 'Дата отказа', field: 'refusalDate', required: true, hint: 'ДД.ММ.ГГГГ, не раньше даты направления', example: '20.02.2024' },
  { key: 'refusalDocumentNumber', header: 'Номер решения об отказе', field: 'refusalDocumentNumber', required: true, hint: '', example: 'ОТК-55/2024' },
  { key: 'mainDiagnosis', header: 'Диагноз МКБ-10', field: 'mainDiagnosis', required: true, hint: 'например I63.5', example: 'I63.5' },
  { key: 'secondaryDiagnoses', header: 'Сопутствующие диагнозы', field: 'secondaryDiagnoses', required: false, hint: 'через запятую', example: 'E11, I10' },
  {
    key: 'missingExaminations',
    header: 'Недостающие обследования',
    field: 'missingExaminations',
    required: true,
    hint: 'через «;»; звёздочка в конце — прямо названо бюро',
    example: 'Консультация невролога*; МРТ головного мозга',
  },
  { key: 'remarks', header: 'Примечание', field: 'remarks', required: false, hint: '', example: '' },
];

/** Column letter (A, B, …) of a column index from 0. */
export const columnLetter = (index: number) => String.fromCharCode('A'.charCodeAt(0) + index);

/** The column an input path belongs to (`person.enp` → ЕНП; `missingExaminations.2.name` → the examinations column). */
export function columnOfField(fieldPath: string | null): SheetColumn | undefined {
  if (!fieldPath) return undefined;
  return CASE_SHEET_COLUMNS.find((c) => c.field === fieldPath) ?? CASE_SHEET_COLUMNS.find((c) => fieldPath.startsWith(`${c.field}.`));
}
