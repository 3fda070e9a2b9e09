import { parse as parseCsv } from 'csv-parse';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { CASE_SHEET_COLUMNS, columnLetter } from './case-sheet.layout.js';
import { unstorableText } from '../../../shared/storable-text.js';
import { decodeCsv } from './csv-encoding.js';
import { firstSheetRows } from './workbook-first-sheet.js';

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

export const MAX_ROWS = 100_000;

export const UNSUPPORTED_FORMAT = 'Поддерживаются файлы XLSX и CSV';

export const UNREADABLE_WORKBOOK = 'Файл не читается как книга Excel (XLSX)';

/** Rows handed on at a time: a file is read, checked and written a batch after another, never held whole. */
export const BATCH_ROWS = 2000;

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

/** The non-blank records as rows, each numbered as the user sees it in the file. */
function toRows(records: Array<{ rowNumber: number; record: CellValue[] }>): SheetRow[] {
  const rows: SheetRow[] = [];
  for (const { rowNumber, record } of records) {
    if (record.every((v) => v === null || String(v).trim() === '')) continue;
    const cells: Record<string, CellValue> = {};
    CASE_SHEET_COLUMNS.forEach((column, index) => {
      const value = record[index];
      const problem = typeof value === 'string' ? unstorableText(value) : null;
      if (problem) throw new SheetFormatError(`Строка ${rowNumber}, столбец ${columnLetter(index)}: ${problem}`);
      cells[column.key] = value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;
    });
    rows.push({ rowNumber, cells });
  }
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

/** A worksheet's row elements, with or without a namespace prefix (`<row …>`, `<x:row …>`; not `<rowBreaks>`). */
const ROW_TAG = /<(?:\w+:)?row[\s>]/g;
const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/**
 * Inflates every part of the workbook without keeping it, stopping as soon as the total passes the
 * limit, and counts each worksheet's rows as they pass: a sheet of too many rows (a bomb of a
 * million small rows, say) is refused before any row is read. Answers the opened workbook.
 */
async function openWithinLimits(content: Buffer): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    throw new SheetFormatError(UNREADABLE_WORKBOOK);
  }
  let total = 0;
  for (const file of Object.values(zip.files).filter((f) => !f.dir)) {
    let rows = 0;
    // A tag split between two chunks is counted in the next one: the tail of each chunk is kept.
    let tail = '';
    const countRows = isWorksheet(file.name);
    await new Promise<void>((resolve, reject) => {
      const stream = file.nodeStream('nodebuffer');
      const stop = (error: SheetFormatError) => {
        stream.pause();
        stream.removeAllListeners('data');
        reject(error);
      };
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > MAX_INFLATED_BYTES) return stop(tooLarge());
        if (!countRows) return;
        const text = tail + chunk.toString('latin1');
        const lastTag = text.lastIndexOf('<');
        const counted = lastTag > text.length - 16 ? text.slice(0, lastTag) : text;
        tail = text.slice(counted.length);
        rows += counted.match(ROW_TAG)?.length ?? 0;
        if (rows > MAX_ROWS + 1) stop(tooManyRows());
      });
      stream.on('end', resolve);
      stream.on('error', () => reject(new SheetFormatError(UNREADABLE_WORKBOOK)));
    });
  }
  return zip;
}

/** Reads the first sheet as a stream, a batch of rows at a time, and stops at the row limit. */
async function* xlsxBatches(content: Buffer): AsyncGenerator<SheetRow[]> {
  const zip = await openWithinLimits(content);
  let headerRead = false;
  let batch: Array<{ rowNumber: number; record: CellValue[] }> = [];
  try {
    const sheet = await firstSheetRows(zip);
    if (!sheet) throw new SheetFormatError(UNREADABLE_WORKBOOK, 'the workbook names no sheet it holds');
    for await (const row of sheet) {
      // Line numbers, not rows read: a sheet whose one row is numbered a million is refused too.
      if (row.number > MAX_ROWS + 1) throw tooManyRows();
      const record = CASE_SHEET_COLUMNS.map((_, index) => cellValue(row.getCell(index + 1).value));
      if (!headerRead) {
        // A sheet whose first line is blank has no header where the template puts it.
        checkHeader(row.number === 1 ? record : []);
        headerRead = true;
        continue;
      }
      batch.push({ rowNumber: row.number, record });
      if (batch.length < BATCH_ROWS) continue;
      yield toRows(batch);
      batch = [];
    }
  } catch (error) {
    if (error instanceof SheetFormatError) throw error;
    throw new SheetFormatError(UNREADABLE_WORKBOOK, String(error));
  }
  if (!headerRead) throw new SheetFormatError('Лист пуст: нет строки заголовка');
  yield toRows(batch);
}

/** Records of a CSV text: line breaks outside quotes (a doubled quote inside a quoted cell toggles twice). */
function csvRecordCount(text: string): number {
  let records = 0;
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 34) quoted = !quoted;
    else if (code === 10 && !quoted) records += 1;
  }
  return records + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
}

function* piecesOf(text: string, size = 64 * 1024): Generator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

async function* csvBatches(content: Buffer): AsyncGenerator<SheetRow[]> {
  const { text } = decodeCsv(content, (line) => line.includes(CASE_SHEET_COLUMNS[0].header));
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  // Counted before any row is parsed: a file of a million lines is refused at once.
  if (csvRecordCount(text) > MAX_ROWS + 1) throw tooManyRows();
  const parser = parseCsv({ delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, to_line: MAX_ROWS + 2, info: true });
  // Fed in pieces as the parser asks for them: records are made only as fast as they are taken.
  Readable.from(piecesOf(text)).pipe(parser);
  let line = 0;
  let batch: Array<{ rowNumber: number; record: CellValue[] }> = [];
  try {
    for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
      line += 1;
      if (line === 1) checkHeader(record);
      else if (line > MAX_ROWS + 1) throw tooManyRows();
      else batch.push({ rowNumber: line, record });
      if (batch.length < BATCH_ROWS) continue;
      yield toRows(batch);
      batch = [];
    }
  } catch (error) {
    if (error instanceof SheetFormatError) throw error;
    throw new SheetFormatError(`CSV не разбирается: ${(error as Error).message}`);
  }
  if (line === 0) throw new SheetFormatError('Файл пуст: нет строки заголовка');
  yield toRows(batch);
}

/** A sheet's format by its file name's extension, whatever its case or the spaces around the name. */
export function sheetFormatOf(fileName: string): 'xlsx' | 'csv' {
  const extension = fileName.trim().toLowerCase().split('.').pop();
  if (extension === 'xlsx' || extension === 'csv') return extension;
  throw new SheetFormatError(UNSUPPORTED_FORMAT);
}

/**
 * The rows of a refusal-case sheet, a batch at a time, as the file is read; the format is taken
 * from the file name. A file that turns out unreadable halfway throws then: whoever writes the
 * batches does so in one transaction, so that nothing of such a file stays.
 */
export function caseSheetBatches(fileName: string, content: Buffer): AsyncIterable<SheetRow[]> {
  return sheetFormatOf(fileName) === 'xlsx' ? xlsxBatches(content) : csvBatches(content);
}

/** Every row of a sheet at once: for a file known to be small (the template, its examples). */
export async function readCaseSheet(fileName: string, content: Buffer): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of caseSheetBatches(fileName, content)) rows.push(...batch);
  return rows;
}
