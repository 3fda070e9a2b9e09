import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The single-byte encodings a CSV from a Russian office comes in, most likely first: Windows-1251
 * is what Russian Excel's «CSV (разделители — точка с запятой)» writes.
 */
const CYRILLIC_ENCODINGS = ['windows-1251', 'koi8-r', 'ibm866'];

/**
 * The text of an uploaded CSV: UTF-8 (with or without a BOM) as it is; otherwise the Cyrillic
 * encoding in which the file's first line reads as the caller expects (its known header) —
 * statistical detectors mistake a short Windows-1251 file for KOI8-R — and Windows-1251 when none does.
 */
export function decodeCsv(content: Buffer, readsRight: (firstLine: string) => boolean): { text: string; encoding: string } {
  if (content.subarray(0, 3).equals(UTF8_BOM)) return { text: content.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (isUtf8(content)) return { text: content.toString('utf8'), encoding: 'utf-8' };
  const firstLineEnd = content.indexOf(0x0a);
  const firstLine = content.subarray(0, firstLineEnd < 0 ? Math.min(content.length, 4096) : firstLineEnd);
  const encoding = CYRILLIC_ENCODINGS.find((candidate) => readsRight(iconv.decode(firstLine, candidate))) ?? CYRILLIC_ENCODINGS[0];
  return { text: iconv.decode(content, encoding), encoding };
}
