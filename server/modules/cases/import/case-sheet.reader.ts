import { parse as parseCsv } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CASE_SHEET_COLUMNS, columnLetter } from './case-sheet.layout.js';
import { unstorableText } from '../../../shared/storable-text.js';
import { decodeCsv } from './csv-encoding.js';

export type CellValue = string | number | Date | null;

export interface SheetRow {
  /** Row number as the user sees it in the file (the header is row 1). */
  rowNumber: number;
  cells: Record<string, CellValue>;
}

export class SheetFormatError extends Error {
  /** What the reading library said, for the server log: the user's message names no library. */
  constructor(
    message: string,
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'SheetFormatError';
  }
}

export const MAX_ROWS = 50_000;

const tooManyRows = () => new SheetFormatError(`В файле больше ${MAX_ROWS} строк: разделите его на части`);

const normaliseHeader = (value: CellValue | undefined) =>
  String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Checks the header row against the layout and names the first column that differs. */
function checkHeader(header: CellValue[]): void {
  CASE_SHEET_COLUMNS.forEach((column, index) => {
    const found = String(header[index] ?? '').trim();
    if (column.optional && found === '') return;
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
      const problem = typeof value === 'string' ? unstorableText(value) : null;
      if (problem) throw new SheetFormatError(`Строка ${firstRowNumber + i}, столбец ${columnLetter(index)}: ${problem}`);
      cells[column.key] = value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;
    });
    rows.push({ rowNumber: firstRowNumber + i, cells });
  });
  if (rows.length > MAX_ROWS) throw tooManyRows();
  return rows;
}

function cellValue(cell: ExcelJS.CellValue): CellValue {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date || typeof cell === 'number' || typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return String(cell);
  if ('richText' in cell) return cell.richText.map((t) => t.text).join('');
  if ('result' in cell) return cellValue(cell.result);
  if ('text' in cell) return String(cell.text);
  return JSON.stringify(cell);
}

/**
 * What a workbook may inflate to. A 50,000-row sheet is about 60 MB of XML; a zip bomb (a
 * megabyte that inflates to a million rows) is refused by counting, before any XML is parsed.
 */
export const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

const tooLarge = () => new SheetFormatError(`Книга распаковывается больше чем в ${MAX_INFLATED_BYTES / 1024 / 1024} МБ: разделите файл на части`);

/** Inflates every part of the workbook without keeping it, stopping as soon as the total passes the limit. */
async function assertInflatesWithinLimit(content: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    throw new SheetFormatError('Файл не читается как книга Excel (XLSX)');
  }
  let total = 0;
  for (const file of Object.values(zip.files).filter((f) => !f.dir)) {
    await new Promise<void>((resolve, reject) => {
      const stream = file.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total <= MAX_INFLATED_BYTES) return;
        stream.pause();
        stream.removeAllListeners('data');
        reject(tooLarge());
      });
      stream.on('end', resolve);
      stream.on('error', () => reject(new SheetFormatError('Файл не читается как книга Excel (XLSX)')));
    });
  }
}

/** Reads the first sheet as a stream, row by row, and stops at the row limit. */
async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  await assertInflatesWithinLimit(content);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const records: CellValue[][] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // Line numbers, not rows read: a sheet whose one row is numbered a million is refused too.
        if (row.number > MAX_ROWS + 1 || records.length > MAX_ROWS) throw tooManyRows();
        while (records.length < row.number - 1) records.push(CASE_SHEET_COLUMNS.map(() => null));
        records.push(CASE_SHEET_COLUMNS.map((_, index) => cellValue(row.getCell(index + 1).value)));
      }
      break;
    }
  } catch (error) {
    if (error instanceof SheetFormatError) throw error;
    throw new SheetFormatError('Файл не читается как книга Excel (XLSX)', String(error));
  }
  if (records.length === 0) throw new SheetFormatError('Лист пуст: нет строки заголовка');
  checkHeader(records[0]);
  return toRows(records.slice(1), 2);
}

function readCsv(content: Buffer): SheetRow[] {
  const { text } = decodeCsv(content, (line) => line.includes(CASE_SHEET_COLUMNS[0].header));
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    // Parsing stops a line past the cap: a file of a million lines is refused without reading them all.
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, to_line: MAX_ROWS + 2 });
  } catch (error) {
    throw new SheetFormatError(`CSV не разбирается: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new SheetFormatError('Файл пуст: нет строки заголовка');
  if (records.length > MAX_ROWS + 1) throw tooManyRows();
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
