import ExcelJS from 'exceljs';
import { CASE_SHEET_COLUMNS } from './case-sheet.layout.js';

export type TemplateRow = Record<string, string | null>;

const TEXT_COLUMNS = new Set(['enp', 'snils', 'moOgrn', 'bureauOgrn', 'referralNumber', 'refusalDocumentNumber']);

/** The spreadsheet users fill in: the header row, optional rows, and a sheet explaining each column. */
export async function buildCaseSheet(rows: TemplateRow[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
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
