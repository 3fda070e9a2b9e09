import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded when a workbook is first read or written: importing it costs a quarter of a
 * second, which every start of the server and of each command-line tool paid, most of them never
 * touching a spreadsheet.
 */
export const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** Printed on A4, every column on the page's width and as many pages down as the rows need. */
export const A4_ONE_PAGE_WIDE: Partial<ExcelJS.PageSetup> = { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
