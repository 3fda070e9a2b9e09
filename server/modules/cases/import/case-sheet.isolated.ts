import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../../../shared/project-root.js';
import { SheetFormatError, readCaseSheet, type SheetRow } from './case-sheet.reader.js';

/**
 * The heap a sheet may take while it is read. A file that needs more (a bomb that slipped past the
 * counting) ends its worker instead of the server; the server's own event loop is never blocked.
 */
export const SHEET_WORKER_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 };

/** The compiled worker: beside this file when running from dist/, in dist/ when running from sources. */
function workerFile(): URL {
  const beside = new URL('./case-sheet.worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(path.join(projectRoot(), 'dist/server/modules/cases/import/case-sheet.worker.js'));
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Reads a refusal-case sheet: a workbook in a worker thread with a bounded heap; a CSV (read up
 * to the row limit and no larger than the upload limit) and anything that is no zip at all in place.
 */
export async function readCaseSheetIsolated(fileName: string, content: Buffer): Promise<SheetRow[]> {
  const workbook = fileName.toLowerCase().endsWith('.xlsx');
  if (!workbook) return readCaseSheet(fileName, content);
  if (!content.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new SheetFormatError('Файл не читается как книга Excel (XLSX)');
  return readInWorker(fileName, content);
}

/**
 * The workbook reader copies a sheet stored before the shared strings (as Excel stores it) to a
 * temporary file and leaves the copy behind when reading stops early; each read gets a directory of
 * its own, removed when the worker has ended, so an upload leaves nothing on the server's disk.
 */
async function readInWorker(fileName: string, content: Buffer): Promise<SheetRow[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'razbor-sheet-'));
  try {
    return await runWorker(fileName, content, scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function runWorker(fileName: string, content: Buffer, scratch: string): Promise<SheetRow[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), {
      workerData: { fileName, content },
      resourceLimits: SHEET_WORKER_LIMITS,
      env: { ...process.env, TMPDIR: scratch },
    });
    let settled = false;
    // Answers once the worker has ended, so that nothing writes into the scratch directory after.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate().finally(outcome);
    };
    worker.once('message', (message: { rows?: SheetRow[]; formatError?: string; detail?: string | null }) =>
      settle(() => (message.formatError ? reject(new SheetFormatError(message.formatError, message.detail ?? null)) : resolve(message.rows!))),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SheetFormatError('Файл слишком сложен для чтения: разделите его на части') : error)),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`the sheet reader stopped with code ${code}`))));
  });
}
