import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../../shared/exceljs.js';
import { CASE_SHEET_COLUMNS, columnLetter } from './case-sheet.layout.js';

export type TemplateRow = Record<string, string | null>;

/** Organisations to pick from in the template, each as «name — ОГРН …» (the import reads the ОГРН at its end). */
export interface OrganisationChoices {
  mos: string[];
  bureaus: string[];
}

export const organisationChoice = (o: { shortName: string; ogrn: string }) => `${o.shortName} — ОГРН ${o.ogrn}`;

/** Rows of the template that offer the lists: far more than one file of cases holds. */
const ROWS_WITH_LISTS = 5000;

/**
 * Drop-down lists of the current organisations on the MO and bureau columns, kept on a hidden
 * sheet; a typed ОГРН or registry code is still accepted (the list only offers).
 */
function addOrganisationLists(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, choices: OrganisationChoices) {
  const lists = workbook.addWorksheet('Организации', { state: 'hidden' });
  const listed = [
    { key: 'moOgrn', values: choices.mos, title: 'Медицинские организации' },
    { key: 'bureauOgrn', values: choices.bureaus, title: 'Бюро МСЭ' },
  ];
  listed.forEach(({ key, values, title }, i) => {
    const letter = columnLetter(i);
    lists.getCell(`${letter}1`).value = title;
    values.forEach((value, row) => (lists.getCell(`${letter}${row + 2}`).value = value));
    if (values.length === 0) return;
    const target = columnLetter(CASE_SHEET_COLUMNS.findIndex((c) => c.key === key));
    // ExcelJS applies a validation to a whole range, though its types name only single cells.
    (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${target}2:${target}${ROWS_WITH_LISTS + 1}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`'Организации'!$${letter}$2:$${letter}$${values.length + 1}`],
        showErrorMessage: false,
        showInputMessage: true,
        promptTitle: title,
        prompt: 'Выберите из списка или введите ОГРН (код в реестре ТФОМС)',
      },
    );
  });
}

const TEXT_COLUMNS = new Set(['enp', 'snils', 'moOgrn', 'bureauOgrn', 'referralNumber', 'refusalDocumentNumber']);

/** The spreadsheet users fill in: the header row, optional rows, and a sheet explaining each column. */
export async function buildCaseSheet(rows: TemplateRow[] = [], choices: OrganisationChoices | null = null): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'Razbor';
  const sheet = workbook.addWorksheet('Случаи отказа', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CASE_SHEET_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(14, column.header.length + 4),
    // ЕНП, СНИЛС and ОГРН are text: as numbers Excel would round 16-digit policies.
    style: TEXT_COLUMNS.has(column.key) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  if (choices) addOrganisationLists(workbook, sheet, choices);

  const help = workbook.addWorksheet('Инструкция');
  help.columns = [
    { header: 'Столбец', key: 'header', width: 28 },
    { header: 'Обязательный', key: 'required', width: 14 },
    { header: 'Как заполнять', key: 'hint', width: 60 },
    { header: 'Пример', key: 'example', width: 44 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of CASE_SHEET_COLUMNS) {
    help.addRow({ header: column.header, required: column.required ? 'да' : 'нет', hint: column.hint, example: column.example });
  }
  help.addRow({});
  help.addRow({ header: 'Одна строка — один отказ бюро МСЭ. Строки, уже загруженные ранее, повторно не создаются.' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same rows as CSV with «;» separators, as Russian Excel saves it. */
export function buildCaseCsv(rows: TemplateRow[] = []): string {
  const quote = (value: string | null) => (value && /[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : (value ?? ''));
  const lines = [CASE_SHEET_COLUMNS.map((c) => c.header), ...rows.map((row) => CASE_SHEET_COLUMNS.map((c) => quote(row[c.key] ?? null)))];
  return `${lines.map((cells) => cells.join(';')).join('\n')}\n`;
}
