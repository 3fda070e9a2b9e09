import { execFile } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { expect } from 'vitest';

const run = promisify(execFile);

/** LibreOffice's command (Debian's `libreoffice-writer-nogui`; `.ci/run` installs it). */
export const SOFFICE = process.env.SOFFICE_PATH ?? 'soffice';
export const sofficeAvailable = (): boolean => spawnSync(SOFFICE, ['--version'], { stdio: 'ignore' }).status === 0;

/** Converts a Word document (or a workbook) as its reader's office suite would, and counts the pages it lays out. */
export async function renderedPageCount(document: Buffer, extension: 'docx' | 'xlsx' = 'docx'): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'razbor-doc-'));
  try {
    await writeFile(path.join(dir, `document.${extension}`), document);
    // A profile of its own: conversions running side by side do not wait on one another's lock.
    await run(
      SOFFICE,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, `document.${extension}`)],
      {
        timeout: 120_000,
      },
    );
    // LibreOffice exits 0 without a file when the suite for the document (Calc for a workbook) is not installed.
    const pdf = (
      await readFile(path.join(dir, 'document.pdf')).catch(() => {
        throw new Error(
          `LibreOffice wrote no PDF for the ${extension} file: is ${extension === 'xlsx' ? 'Calc (libreoffice-calc-nogui)' : 'Writer (libreoffice-writer-nogui)'} installed?`,
        );
      })
    ).toString('latin1');
    return pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface DocxLayout {
  /** Text between the page margins, in twips. */
  textWidth: number;
  /** Each table's declared width and the sum of its column widths, in twips. */
  tables: Array<{ width: number; columns: number }>;
  /** The body's text, runs joined. */
  text: string;
  /** The text of the page headers. */
  headers: string;
}

const attr = (xml: string, element: string, name: string) => Number(new RegExp(`<w:${element}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(xml)?.[1] ?? NaN);
const plain = (xml: string) => xml.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '');

/** What a Word file declares about its page and tables, read from its XML. */
export async function docxLayout(docx: Buffer): Promise<DocxLayout> {
  const zip = await JSZip.loadAsync(docx);
  const body = await zip.file('word/document.xml')!.async('string');
  const headerFiles = zip.file(/word\/header\d*\.xml/);
  const headers = (await Promise.all(headerFiles.map((f) => f.async('string')))).map(plain).join('\n');
  const textWidth = attr(body, 'pgSz', 'w') - attr(body, 'pgMar', 'left') - attr(body, 'pgMar', 'right');
  const tables = [...body.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([table]) => ({
    width: attr(table, 'tblW', 'w'),
    columns: [...table.matchAll(/<w:gridCol w:w="(\d+)"/g)].reduce((sum, m) => sum + Number(m[1]), 0),
  }));
  return { textWidth, tables, text: plain(body), headers };
}

/** Rendering needs LibreOffice: CI installs it; a machine without it skips that part, and says so once. */
export const rendering = sofficeAvailable() || Boolean(process.env.CI);
if (!rendering) console.warn('LibreOffice (soffice) is not installed: the page-count checks of the documents are skipped');

/**
 * Checks a Word file as its reader meets it: every table within the page's text width, and (with
 * LibreOffice) laid out on at most `maxPages` pages. RAZBOR_KEEP_DOCUMENTS=dir keeps a copy to look at.
 */
export async function expectFitsThePage(docx: Buffer, maxPages: number): Promise<DocxLayout> {
  const keepIn = process.env.RAZBOR_KEEP_DOCUMENTS;
  if (keepIn) await writeFile(path.join(keepIn, `document-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.docx`), docx);
  const layout = await docxLayout(docx);
  for (const table of layout.tables) {
    expect(table.width).toBeLessThanOrEqual(layout.textWidth);
    expect(table.columns).toBeLessThanOrEqual(layout.textWidth);
  }
  if (rendering) {
    const pages = await renderedPageCount(docx);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(maxPages);
  }
  return layout;
}
