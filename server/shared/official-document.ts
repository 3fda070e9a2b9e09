import {
  AlignmentType,
  Document,
  Header,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import { rubles } from 'rubles';

/**
 * Official documents as Word files: A4 portrait, margins 25 mm left (to bind), 12 mm right, 15 mm
 * top and bottom, Times New Roman 11 pt (tables 9 pt), tables of fixed column widths that add up to the text
 * width, so that no table runs off the page however long its texts.
 */
const MM = 56.7;
const PAGE = { width: 11906, height: 16838, top: Math.round(15 * MM), bottom: Math.round(15 * MM), left: Math.round(25 * MM), right: Math.round(12 * MM) };
/** Width of the text between the margins, in twentieths of a point (twips). */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const BODY_SIZE = 22;
const TABLE_SIZE = 18;

export interface TextOptions {
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center' | 'right' | 'both';
  size?: number;
  spaceBefore?: number;
  /** Kept on the page of what follows it (a heading never ends a page). */
  keepNext?: boolean;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, both: AlignmentType.JUSTIFIED } as const;

/** A paragraph of text; `\n` breaks the line. */
export function para(text: string, options: TextOptions = {}): Paragraph {
  const runs: ParagraphChild[] = text
    .split('\n')
    .map((line, i) => new TextRun({ text: line, bold: options.bold, italics: options.italic, size: options.size, break: i > 0 ? 1 : undefined }));
  return new Paragraph({
    children: runs,
    alignment: ALIGN[options.align ?? 'left'],
    keepNext: options.keepNext,
    spacing: { before: options.spaceBefore ?? 0, after: 40 },
  });
}

/** A section heading inside the document. */
export const heading = (text: string) => para(text, { bold: true, spaceBefore: 120, keepNext: true });

/** A bold label followed by plain text, on one paragraph. */
export function labelled(label: string, text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)],
    spacing: { after: 40 },
    alignment: AlignmentType.JUSTIFIED,
  });
}

export interface Column {
  header: string;
  /** Share of the text width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'right' | 'center';
}

/** A row that spans every column (a group's heading or result inside a table). */
export interface SpanningRow {
  span: string;
  /** A group's heading: bold, and kept on the page of the row after it. */
  bold?: boolean;
}

export type TableRowData = string[] | SpanningRow;

function cell(text: string, width: number, options: { bold?: boolean; align?: 'left' | 'right' | 'center'; columnSpan?: number; keepNext?: boolean } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.columnSpan,
    margins: { top: 20, bottom: 20, left: 60, right: 60 },
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: ALIGN[options.align ?? 'left'],
          keepNext: options.keepNext,
          children: [new TextRun({ text: line, bold: options.bold, size: TABLE_SIZE })],
        }),
    ),
  });
}

/** A table of fixed column widths across the text width, its header repeated on each page. */
export function gridTable(columns: Column[], rows: TableRowData[]): Table {
  const widths = columns.map((c) => Math.floor(c.share * TEXT_WIDTH));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, widths[i], { bold: true, align: 'center' })) }),
      ...rows.map((row) =>
        Array.isArray(row)
          ? new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, widths[i], { align: columns[i].align })) })
          : new TableRow({ cantSplit: true, children: [cell(row.span, TEXT_WIDTH, { bold: row.bold, keepNext: row.bold, columnSpan: columns.length })] }),
      ),
    ],
  });
}

/** A signature line: who signs, a place for the signature, the name. */
export function signature(role: string, name: string | null, date?: string): Paragraph {
  return para(`${role}: ____________ / ${name ?? '________________'} /   ${date ?? '«___» ________ 20___ г.'}`, { spaceBefore: 160 });
}

/** Roubles with kopecks as people read them: thousands apart, a decimal comma («18 084,20 ₽»). */
export function money(amount: string | null): string {
  if (amount === null) return '—';
  const [roubles, kopecks = '00'] = amount.split('.');
  const grouped = roubles.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${grouped},${kopecks.padEnd(2, '0')}\u00a0₽`;
}

/** The amount in words, as payment documents write it («четыре тысячи рублей 00 копеек»). */
export function moneyInWords(amount: string): string {
  const words = rubles(amount);
  return words || 'ноль рублей 00 копеек';
}

/** «18 084,20 ₽ (восемнадцать тысяч восемьдесят четыре рубля 20 копеек)». */
export const moneyWithWords = (amount: string) => `${money(amount)} (${moneyInWords(amount)})`;

/** A coefficient with a decimal comma. */
export const coefficient = (value: string | null) => (value === null ? '—' : value.replace('.', ','));

/** The document, A4 portrait; a draft carries «ПРОЕКТ» at the top of every page. */
export function officialDocument(title: string, children: FileChild[], options: { draft?: boolean } = {}): Promise<Buffer> {
  const header = options.draft ? new Header({ children: [para('ПРОЕКТ — документ не подписан и силы не имеет', { bold: true, align: 'center' })] }) : undefined;
  const document = new Document({
    creator: 'Razbor',
    title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } },
        },
        headers: header ? { default: header } : undefined,
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
