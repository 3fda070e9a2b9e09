import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded when a workbook is first read or written: importing it costs a quarter of a
 * second, which every start of the server and of each command-line tool paid, most of them never
 * touching a spreadsheet.
 */
export const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
