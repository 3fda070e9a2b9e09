import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { CASE_SHEET_COLUMNS, columnLetter } from './case-sheet.layout.js';

export type CellValue = string | number | Date | null;

export interface SheetRow {
  /** Row number as the user sees it in the file (the header is row 1). */
  rowNumber: number;
  cells: Record<string, CellValue>;
}

export class SheetFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetFormatError';
  }
}

export const MAX_ROWS = 50_000;

const normaliseHeader = (value: unknown) => String(value ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Checks the header row against the layout and names the first column that differs. */
function checkHeader(header: unknown[]): void {
  CASE_SHEET_COLUMNS.forEach((column, index) => {
    const found = String(header[index] ?? '').trim();
    if (normaliseHeader(found) !== normaliseHeader(column.header)) {
      throw new SheetFormatError(
        `Неверный заголовок: в столбце ${columnLetter(index)} ожидается «${column.header}», а указано «${found || 'пусто'}». Возьмите шаблон файла.`,
      );
    }
  });
}

function toRows(records: CellValue[][], firstRowNumber: number): SheetRow[] {
  const rows: SheetRow[] = [];
  records.forEach((record, i) => {
    if (record.every((v) => v === null || String(v).trim() === '')) return;
    const cells: Record<string, CellValue> = {};
    CASE_SHEET_COLUMNS.forEach((column, index) => {
      const value = record[index];
      cells[column.key] = value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;
    });
    rows.push({ rowNumber: firstRowNumber + i, cells });
  });
  if (rows.length > MAX_ROWS) throw new SheetFormatError(`В файле больше ${MAX_ROWS} строк: разделите его на части`);
  return rows;
}

function cellValue(cell: ExcelJS.CellValue): CellValue {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date || typeof cell === 'number' || typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return String(cell);
  if ('richText' in cell) return cell.richText.map((t) => t.text).join('');
  if ('result' in cell) return cellValue(cell.result as ExcelJS.CellValue);
  if ('text' in cell) return String(cell.text);
  return String(cell);
}

async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new SheetFormatError('Файл не читается как книга Excel (XLSX)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetFormatError('В книге нет листов');
  const records: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    records.push(CASE_SHEET_COLUMNS.map((_, index) => cellValue(row.getCell(index + 1).value)));
  });
  if (records.length === 0) throw new SheetFormatError('Лист пуст: нет строки заголовка');
  checkHeader(records[0]);
  return toRows(records.slice(1), 2);
}

function readCsv(content: Buffer): SheetRow[] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    throw new SheetFormatError(`CSV не разбирается: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new SheetFormatError('Файл пуст: нет строки заголовка');
  checkHeader(records[0]);
  return toRows(records.slice(1), 2);
}

/** Reads the rows of a refusal-case sheet; the format is taken from the file name. */
export async function readCaseSheet(fileName: string, content: Buffer): Promise<SheetRow[]> {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'xlsx') return readXlsx(content);
  if (extension === 'csv') return readCsv(content);
  throw new SheetFormatError('Поддерживаются файлы XLSX и CSV');
}
