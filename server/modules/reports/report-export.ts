import type { FileChild } from 'docx';
import type ExcelJS from 'exceljs';
import { A4_ONE_PAGE_WIDE, loadExcelJs } from '../../shared/exceljs.js';
import { ruDate } from '../../shared/dates.js';
import { gridTable, heading, money as moneyText, moneyWithWords, officialDocument, para, signature } from '../../shared/official-document.js';
import type { QuarterlyReport } from './report.types.js';

type Cell = string | number | null;

interface ExportTable {
  title: string;
  columns: Array<{ header: string; money?: boolean; width?: number }>;
  rows: Cell[][];
  totals?: Cell[];
}

const money = (value: string) => Number(value);

/** The 402н/631н section: gaps by MO, bureau and class, and repeats after the check became available. */
function examinationTables(report: QuarterlyReport): ExportTable[] {
  const x = report.examinations;
  if (!x?.listLoaded) return [];
  const gapTable = (title: string, keyHeader: string, rows: NonNullable<QuarterlyReport['examinations']>['byMo']): ExportTable => ({
    title,
    columns: [
      { header: keyHeader, width: 40 },
      { header: 'Случаев' },
      { header: 'В перечне' },
      { header: 'Требуется, не названо' },
      { header: 'Названо сверх перечня' },
    ],
    rows: rows.map((g) => [g.label, g.cases, g.casesInList, g.requiredButNotNamed, g.namedButNotRequired]),
  });
  return [
    gapTable('Перечень 402н/631н: по медицинским организациям', 'Медицинская организация', x.byMo),
    gapTable('Перечень 402н/631н: по бюро МСЭ', 'Бюро МСЭ', x.byBureau),
    gapTable('Перечень 402н/631н: по классам МКБ-10', 'Класс МКБ-10', x.byIcdClass),
    {
      title: `Повторяющиеся недостающие обследования после появления проверки направления (с ${x.checkAvailableFrom ? ruDate(x.checkAvailableFrom) : '—'})`,
      columns: [{ header: 'Медицинская организация', width: 48 }, { header: 'Не хватало' }, { header: 'Из них повторно' }, { header: 'Доля, %' }],
      rows: x.repeatsAfterCheck.map((r) => [r.label, r.missingAfterCheck, r.repeatedAfterCheck, r.repeatedPercent]),
    },
  ];
}

/** Days lost between the first referral and the accepted one, and prompt resubmissions, by MO. */
function referralTables(report: QuarterlyReport): ExportTable[] {
  const r = report.referrals;
  if (!r || r.total.recorded === 0) return [];
  const line = (x: typeof r.total): Cell[] => [
    x.label,
    x.recorded,
    x.accepted,
    x.calendarDaysLost,
    x.workingDaysLost,
    x.averageCalendarDaysLost,
    x.answered,
    x.resubmittedWithin30Percent,
  ];
  return [
    {
      title: 'Путь направления: потерянные дни и повторные направления',
      columns: [
        { header: 'Медицинская организация', width: 36 },
        { header: 'Сведений' },
        { header: 'Освидетельствовано' },
        { header: 'Потеряно календарных дней' },
        { header: 'Потеряно рабочих дней' },
        { header: 'В среднем, дней' },
        { header: 'С ответом бюро' },
        { header: 'Снова в течение 30 дней, %' },
      ],
      rows: r.byMo.map(line),
      totals: line(r.total),
    },
  ];
}

/** The report as tables, once: both the XLSX and the DOCX are laid out from these. */
export function reportTables(report: QuarterlyReport): Record<'refusals' | 'expertise' | 'reviews' | 'plan', ExportTable[]> {
  const r = report.refusals;
  const e = report.expertise;
  const v = report.reviews;
  const countTable = (title: string, keyHeader: string, rows: typeof r.byMo): ExportTable => ({
    title,
    columns: [{ header: keyHeader, width: 48 }, { header: 'Отказов в квартале' }, { header: 'В предыдущем квартале' }],
    rows: rows.map((x) => [x.label, x.count, x.previousCount]),
    totals: ['Итого', rows.reduce((s, x) => s + x.count, 0), rows.reduce((s, x) => s + (x.previousCount ?? 0), 0)],
  });
  return {
    refusals: [
      countTable('Отказы по медицинским организациям', 'Медицинская организация', r.byMo),
      countTable('Отказы по бюро МСЭ', 'Бюро МСЭ', r.byBureau),
      countTable('Отказы по классам МКБ-10', 'Класс МКБ-10', r.byIcdChapter),
      ...(r.byIcdBlock?.length ? [countTable('Отказы по блокам МКБ-10', 'Блок МКБ-10', r.byIcdBlock)] : []),
      {
        title: 'Самые частые недостающие обследования (по кодам НМУ)',
        columns: [{ header: 'Обследование', width: 48 }, { header: 'Случаев' }],
        rows: r.topMissingExaminations.map((x) => [x.label, x.count]),
      },
      ...(r.otherMissingExaminations?.length
        ? [
            {
              title: 'Недостающие обследования, записанные текстом («другое»)',
              columns: [{ header: 'Обследование', width: 48 }, { header: 'Случаев' }],
              rows: r.otherMissingExaminations.map((x) => [x.label, x.count]),
            },
          ]
        : []),
      ...examinationTables(report),
      ...referralTables(report),
      {
        title: 'Итоги по отказам',
        columns: [{ header: 'Показатель', width: 48 }, { header: 'Значение' }],
        rows: [
          ['Отказов в квартале', r.total],
          ['Отказов в предыдущем квартале', r.previousTotal],
          ['Изменение, %', r.changePercent],
          ['Повторные отказы того же лица', r.repeatRefusals],
        ],
      },
    ],
    expertise: [
      {
        title: 'Экспертизы и обжалования',
        columns: [{ header: 'Показатель', width: 48 }, { header: 'Значение' }],
        rows: [
          ['МЭЭ', e.meeCount],
          ['ЭКМП', e.ekmpCount],
          ['Доля замечаний, с которыми МО не согласилась, %', e.disagreementPercent],
          ['Обжаловано', e.appeals.filed],
          ['— ожидают решения', e.appeals.pending],
          ['— оставлено в силе', e.appeals.upheld],
          ['— отменено', e.appeals.overturned],
          ['— изменено частично', e.appeals.partly],
        ],
      },
      {
        title: 'Замечания по кодам дефектов',
        columns: [{ header: 'Код и основание', width: 70 }, { header: 'Замечаний' }],
        rows: e.findingsByCode.map((x) => [x.label, x.count]),
        totals: ['Итого', e.findingsByCode.reduce((s, x) => s + x.count, 0)],
      },
      {
        title: 'Санкции по медицинским организациям (итоговые, с учётом обжалования)',
        columns: [
          { header: 'Медицинская организация', width: 48 },
          { header: 'Замечаний' },
          { header: 'Неоплата, ₽', money: true },
          { header: 'Штрафы, ₽', money: true },
        ],
        rows: e.amountsByMo.map((x) => [x.label, x.findings, money(x.amountNotPaid), money(x.fine)]),
        totals: ['Итого', e.amountsByMo.reduce((s, x) => s + x.findings, 0), money(e.totalAmountNotPaid), money(e.totalFine)],
      },
    ],
    reviews: [
      {
        title: 'Комиссионные разборы по медицинским организациям',
        columns: [
          { header: 'Медицинская организация', width: 48 },
          { header: 'Случаев' },
          { header: 'Разобрано' },
          { header: 'В срок' },
          { header: 'Охват, %' },
          { header: 'В срок, %' },
        ],
        rows: v.coverageByMo.map((x) => [x.label, x.cases, x.reviewed, x.reviewedOnTime, x.coveragePercent, x.onTimePercent]),
        totals: ['Итого', ...['cases', 'reviewed', 'reviewedOnTime'].map((k) => v.coverageByMo.reduce((s, x) => s + x[k as 'cases'], 0)), null, null],
      },
      {
        title: 'Установленные причины',
        columns: [{ header: 'Причина', width: 60 }, { header: 'Случаев' }],
        rows: v.rootCauses.map((x) => [x.label, x.count]),
      },
      {
        title: 'Корректирующие мероприятия',
        columns: [{ header: 'Состояние', width: 48 }, { header: 'Мероприятий' }],
        rows: [
          ['Запланировано', v.actions.planned],
          ['Выполняется', v.actions.inProgress],
          ['Выполнено', v.actions.done],
          ['Отменено', v.actions.cancelled],
          ['Просрочено', v.actions.overdue],
        ],
      },
    ],
    plan: [
      {
        title: 'План мероприятий',
        columns: [
          { header: 'СМО', width: 22 },
          { header: 'Мероприятие', width: 48 },
          { header: 'МО', width: 30 },
          { header: 'Ответственный', width: 30 },
          { header: 'Срок' },
          { header: 'Направлено на', width: 30 },
          { header: 'Состояние' },
          { header: 'Итог', width: 30 },
          { header: 'Согласование МО', width: 40 },
        ],
        rows: report.planItems.map((i) => [
          i.smoName,
          i.measure,
          i.targets,
          i.responsible,
          ruDate(i.dueDate),
          i.addresses,
          i.status,
          i.outcome,
          i.confirmations,
        ]),
      },
      {
        title: 'Эффект плана прошлого квартала: отказы по причине до и после',
        columns: [{ header: 'Медицинская организация', width: 40 }, { header: 'Причина', width: 48 }, { header: 'До' }, { header: 'После' }],
        rows: report.planEffect.map((x) => [x.moName, x.cause, x.before, x.after]),
      },
    ],
  };
}

const SHEETS: Array<[keyof ReturnType<typeof reportTables>, string]> = [
  ['refusals', 'Отказы'],
  ['expertise', 'Экспертизы'],
  ['reviews', 'Разборы'],
  ['plan', 'План'],
];

const title = (report: QuarterlyReport) => `Отказы в МСЭ из-за неполного обследования: ${report.quarter} квартал ${report.year} года, ${report.smoName}`;

const LINE_HEIGHT_PT = 15;

/**
 * A long text (a defect's code and basis, an action) wraps within its column and its row grows to
 * hold it: a spreadsheet does not size a row by itself, and a reader (LibreOffice, a printer) would
 * draw the lines over the next row. The lines are estimated from the column's width in characters.
 */
function wrapTexts(row: ExcelJS.Row, cells: Cell[], widths: number[]): void {
  let lines = 1;
  cells.forEach((value, i) => {
    if (typeof value !== 'string') return;
    row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
    lines = Math.max(lines, Math.ceil(value.length / Math.max(1, (widths[i] ?? 16) - 2)));
  });
  if (lines === 1) return;
  row.height = lines * LINE_HEIGHT_PT;
  // The figures beside a long text stand on its first line, not below its last.
  row.eachCell((cell) => (cell.alignment = { ...cell.alignment, vertical: 'top' }));
}

/** One sheet per section, Russian headings, money formats, frozen header rows, totals. */
export async function buildReportXlsx(report: QuarterlyReport): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'Razbor';
  for (const [section, name] of SHEETS) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: A4_ONE_PAGE_WIDE });
    sheet.addRow([title(report)]).font = { bold: true, size: 12 };
    const tables = reportTables(report)[section];
    const widths: number[] = [];
    for (const table of tables) table.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 12, c.width ?? 16)));
    tables.forEach((table, index) => {
      if (index > 0) sheet.addRow([]);
      sheet.addRow([table.title]).font = { bold: true };
      const headers = table.columns.map((c) => c.header);
      const header = sheet.addRow(headers);
      header.font = { bold: true };
      wrapTexts(header, headers, widths);
      const addData = (cells: Cell[], bold = false) => {
        const row = sheet.addRow(cells);
        if (bold) row.font = { bold: true };
        table.columns.forEach((column, i) => {
          if (column.money) row.getCell(i + 1).numFmt = '#,##0.00';
        });
        wrapTexts(row, cells, widths);
      };
      for (const row of table.rows) addData(row);
      if (table.totals) addData(table.totals, true);
    });
    widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const cellText = (value: Cell, isMoney = false) =>
  value === null ? '—' : typeof value === 'number' ? (isMoney ? moneyText(value.toFixed(2)) : String(value).replace('.', ',')) : value;

/** A table of the letter: the first column takes what the others leave. */
function letterTable(table: ExportTable) {
  const others = table.columns.length - 1;
  const columns = table.columns.map((c, i) => ({
    header: c.header,
    share: i === 0 ? 1 - others * Math.min(0.16, 0.5 / Math.max(others, 1)) : Math.min(0.16, 0.5 / others),
    align: i === 0 ? ('left' as const) : ('right' as const),
  }));
  const row = (cells: Cell[]): string[] => cells.map((c, i) => cellText(c, table.columns[i]?.money));
  return gridTable(columns, [...table.rows.map(row), ...(table.totals ? [row(table.totals)] : [])]);
}

/** Who sends the letter, to whom, and under which outgoing number (blank until it is submitted). */
export interface LetterHeading {
  smoFullName: string;
  fundName: string | null;
  outgoingNumber: string | null;
  outgoingDate: string | null;
}

/** The covering letter to the fund's quality monitoring department, with the tables and the plan. */
export async function buildReportDocx(report: QuarterlyReport, letter: LetterHeading): Promise<Buffer> {
  const tables = reportTables(report);
  const e = report.expertise;
  const children: FileChild[] = [
    para(letter.smoFullName, { bold: true }),
    para(`Исх. № ${letter.outgoingNumber ?? '__________'} от ${letter.outgoingDate ? ruDate(letter.outgoingDate) : '«___» __________ 20___ г.'}`),
    para(`${letter.fundName ?? 'Территориальный фонд обязательного медицинского страхования'}\nОтдел мониторинга качества медицинской помощи`, {
      align: 'right',
      spaceBefore: 120,
    }),
    para(`О результатах экспертизы случаев отказа в медико-социальной экспертизе за ${report.quarter} квартал ${report.year} года`, {
      bold: true,
      align: 'center',
      spaceBefore: 240,
    }),
    para(
      `${report.smoName} направляет результаты анализа экспертиз по случаям отказа бюро медико-социальной экспертизы в освидетельствовании ` +
        `застрахованных лиц в связи с неполным обследованием за период с ${ruDate(report.periodFrom)} по ${ruDate(report.periodTo)} ` +
        `и план мероприятий, составленный совместно с медицинскими организациями.`,
      { align: 'both', spaceBefore: 120 },
    ),
    para(
      `За квартал зарегистрировано отказов: ${report.refusals.total} (в предыдущем квартале — ${report.refusals.previousTotal}). ` +
        `Проведено МЭЭ: ${e.meeCount}, ЭКМП: ${e.ekmpCount}. Не подлежит оплате (по одному основанию на случай оказания помощи): ` +
        `${moneyWithWords(e.totalAmountNotPaid)}; штрафы: ${moneyWithWords(e.totalFine)}.`,
      { align: 'both' },
    ),
    ...SHEETS.flatMap(([section]) => tables[section].flatMap((table) => [heading(table.title), letterTable(table)])),
    para('Приложение: таблицы отчёта в формате XLSX.', { spaceBefore: 160 }),
    signature(`Руководитель ${report.smoName}`, null),
  ];
  return officialDocument(title(report), children, { draft: letter.outgoingNumber === null });
}
