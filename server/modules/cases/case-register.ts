import type { EntityManager } from '@mikro-orm/postgresql';
import type ExcelJS from 'exceljs';
import { A4_ONE_PAGE_WIDE, loadExcelJs } from '../../shared/exceljs.js';
import { Field, ObjectType } from 'type-graphql';
import { UserErrorCode, domainError } from '../../shared/errors.js';
import type { Viewer } from '../auth/viewer.js';
import { fullNameOf } from '../persons/insured-person.entity.js';
import { CASE_STATE_LABEL } from './case-state.js';
import { RefusalCase } from './refusal-case.entity.js';
import { RefusalCaseOrder, type RefusalCaseFilter } from './refusal-case.filter.js';
import { CASE_ORDERS, caseConditions } from './refusal-case.query.js';

/** More rows than this is no register to print: the filter should be narrowed. */
export const MAX_REGISTER_ROWS = 20_000;

@ObjectType({ description: 'Файл для скачивания' })
export class FileDownload {
  @Field({ description: 'Имя файла' })
  fileName!: string;

  @Field({ description: 'Содержимое в base64' })
  contentBase64!: string;
}

/** The register's columns as people print them, widths in characters. */
const COLUMNS: Array<{ header: string; width: number; value: (c: RefusalCase, n: number) => ExcelJS.CellValue; date?: boolean }> = [
  { header: '№', width: 6, value: (_c, n) => n },
  { header: 'Номер случая', width: 16, value: (c) => c.number },
  { header: 'ЕНП', width: 17, value: (c) => c.person.enp },
  { header: 'ФИО', width: 26, value: (c) => fullNameOf(c.person) },
  { header: 'Дата рождения', width: 11, value: (c) => asDate(c.person.birthDate), date: true },
  { header: 'Направившая МО', width: 22, value: (c) => c.mo.shortName },
  { header: 'Бюро МСЭ', width: 20, value: (c) => c.bureau.shortName },
  { header: 'Направление 088/у', width: 12, value: (c) => c.referralNumber },
  { header: 'Дата направления', width: 11, value: (c) => asDate(c.referralDate), date: true },
  { header: 'Дата отказа', width: 11, value: (c) => asDate(c.refusalDate), date: true },
  { header: 'Основной диагноз', width: 10, value: (c) => c.mainDiagnosis },
  { header: 'Недостающие обследования', width: 36, value: (c) => c.missingExaminations.map((m) => (m.nmuCode ? `${m.nmuCode} ${m.name}` : m.name)).join('; ') },
  { header: 'Состояние', width: 16, value: (c) => CASE_STATE_LABEL[c.state] },
];

/** A calendar date as Excel keeps it: midnight UTC, shown with the day-first format below. */
const asDate = (iso: string | null | undefined) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null);

/**
 * The viewer's cases matching a list's filter, as a workbook to print: the same scope and filter as
 * the list on screen (one mechanism), every row rather than a page.
 */
export async function caseRegister(
  em: EntityManager,
  viewer: Viewer,
  filter: RefusalCaseFilter = {},
  orderBy?: RefusalCaseOrder | null,
): Promise<FileDownload> {
  const cases = await em.find(RefusalCase, caseConditions(viewer, filter), {
    orderBy: CASE_ORDERS[orderBy ?? RefusalCaseOrder.REFUSAL_DATE_DESC],
    populate: ['person', 'mo', 'bureau'],
    limit: MAX_REGISTER_ROWS + 1,
  });
  if (cases.length > MAX_REGISTER_ROWS) {
    throw domainError('filter', UserErrorCode.INVALID, `В выборке больше ${MAX_REGISTER_ROWS.toLocaleString('ru-RU')} случаев: уточните фильтр`);
  }
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet('Случаи', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...A4_ONE_PAGE_WIDE, orientation: 'landscape', printTitlesRow: '1:1' },
  });
  // Long names and lists wrap within their column, so that the printed page stays legible.
  const alignment: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.date ? { numFmt: 'dd.mm.yyyy', alignment } : { alignment } }));
  sheet.getRow(1).font = { bold: true };
  // Two lines for the wrapped headers: LibreOffice does not grow a header row by itself.
  sheet.getRow(1).height = 30;
  cases.forEach((c, i) => sheet.addRow(COLUMNS.map((column) => column.value(c, i + 1))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: 'reestr-sluchaev-otkaza.xlsx', contentBase64: content.toString('base64') };
}
