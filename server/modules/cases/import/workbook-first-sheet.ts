import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../../shared/exceljs.js';
import type JSZip from 'jszip';

/**
 * The parts of exceljs's streaming WorkbookReader that this module drives itself. Its own parse()
 * walks the zip with unzipper in stored order and pauses it between entries; unzipper then drops
 * what it had not delivered yet (exceljs#3064): now and then a workbook read without its
 * `xl/workbook.xml` (a crash), its shared strings or a sheet (silently other cells, or none).
 */
interface WorkbookParts {
  model?: { sheets?: Array<{ rId: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<Buffer>, sheetNo: string): Generator<{ value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

const part = (zip: JSZip, name: string): Readable | null => (zip.file(name)?.nodeStream('nodebuffer') as Readable | undefined) ?? null;

/** Where a relationship's target lies in the package: relative to `xl/`, or from the root when it starts with a slash. */
const packagePath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

/**
 * The rows of a workbook's first sheet (the first tab, as the workbook lists them), read through
 * the zip's central directory: the workbook, its relationships, shared strings and styles first,
 * then the sheet as a stream, whatever order the parts are stored in. Null when the workbook
 * names no sheet that it holds.
 */
export async function firstSheetRows(zip: JSZip): Promise<AsyncIterable<ExcelJS.Row> | null> {
  const reader = new (await loadExcelJs()).stream.xlsx.WorkbookReader(Readable.from([]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  const rels = part(zip, 'xl/_rels/workbook.xml.rels');
  const workbook = part(zip, 'xl/workbook.xml');
  if (!rels || !workbook) return null;
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  const sharedStrings = part(zip, 'xl/sharedStrings.xml');
  // With strings cached, nothing is yielded: the loop only drives the parse to its end.
  if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings));
  const styles = part(zip, 'xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  const firstId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((rel) => rel.Id === firstId)?.Target;
  const sheet = target ? part(zip, packagePath(target)) : null;
  if (!target || !sheet) return null;
  const sheetNo = target.match(/sheet(\d+)\.xml$/i)?.[1] ?? '1';
  const [emitted] = reader._parseWorksheet(sheet, sheetNo);
  return emitted.value;
}
