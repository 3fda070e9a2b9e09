import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { CatalogueFormatError } from './catalogue.parser.js';

/** The appendix's Word file is a few hundred kilobytes; a document part beyond this is not one (or is a zip bomb). */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const COLUMNS = 4;

type XmlNode = Record<string, unknown>;

const childrenOf = (node: XmlNode, tag: string): XmlNode[] => (Array.isArray(node[tag]) ? (node[tag] as XmlNode[]) : []);
const tagOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@') ?? '';

/** The text of a cell: its runs' text, paragraphs apart by a space. */
function cellText(nodes: XmlNode[]): string {
  const parts: string[] = [];
  const walk = (list: XmlNode[]) => {
    for (const node of list) {
      const tag = tagOf(node);
      if (tag === '#text') parts.push(String(node['#text']));
      else if (tag === 'w:tab') parts.push(' ');
      else if (tag !== 'w:tbl') walk(childrenOf(node, tag));
      if (tag === 'w:p') parts.push(' ');
    }
  };
  walk(nodes);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Every table row of the document in order, as the texts of its cells. */
function tableRows(nodes: XmlNode[], rows: string[][] = []): string[][] {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'w:tbl') {
      for (const row of childrenOf(node, 'w:tbl').filter((n) => tagOf(n) === 'w:tr')) {
        rows.push(
          childrenOf(row, 'w:tr')
            .filter((n) => tagOf(n) === 'w:tc')
            .map((cell) => cellText(childrenOf(cell, 'w:tc'))),
        );
      }
    } else if (tag !== '#text') tableRows(childrenOf(node, tag), rows);
  }
  return rows;
}

/**
 * The tariff agreement's appendix as published in Word: its table becomes the Markdown table the
 * catalogue parser reads (the same rules, the same refusals). A section title spans the table's
 * width in one merged cell; it is read as the code column of an otherwise empty row.
 */
export async function catalogueTableFromDocx(content: Buffer): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    throw new CatalogueFormatError(1, 'файл не DOCX (не читается как документ Word)');
  }
  const part = zip.file('word/document.xml');
  if (!part) throw new CatalogueFormatError(1, 'в файле нет документа Word (word/document.xml)');
  const size = (part as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (size > MAX_DOCUMENT_BYTES) throw new CatalogueFormatError(1, 'документ Word больше 20 МБ: это не приложение к тарифному соглашению');
  const xml = await part.async('string');
  const document = new XMLParser({ preserveOrder: true, ignoreAttributes: true, trimValues: false }).parse(xml) as XmlNode[];
  const rows = tableRows(document);
  if (rows.length === 0) throw new CatalogueFormatError(1, 'в документе нет таблицы перечня');
  return rows
    .map((cells) => (cells.length === 1 ? [cells[0], ...Array<string>(COLUMNS - 1).fill('')] : cells))
    .map((cells) => `| ${cells.map((c) => c.replace(/\|/g, '/')).join(' | ')} |`)
    .join('\n');
}
