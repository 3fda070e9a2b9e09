import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../../../shared/project-root.js';
import { today } from '../../../shared/clock.js';
import { parsedBatches, type ReadCaseRow } from './case-row.parser.js';
import { SheetFormatError, UNSUPPORTED_FORMAT, caseSheetBatches } from './case-sheet.reader.js';

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

/** A CSV this small (about a thousand rows) is read in place: starting a worker (≈ 1 s) costs more than reading it. */
const CSV_READ_IN_PLACE_BYTES = 256 * 1024;

/**
 * The rows of a refusal-case sheet, read and parsed a batch at a time in a worker thread with a
 * bounded heap, so that neither a large file nor a hostile one holds the server's event loop or
 * its memory (a small CSV in place). A workbook that is no zip at all, or a file of another type,
 * is refused at once.
 */
export async function* readCaseRowsIsolated(fileName: string, content: Buffer): AsyncGenerator<ReadCaseRow[]> {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension !== 'xlsx' && extension !== 'csv') throw new SheetFormatError(UNSUPPORTED_FORMAT);
  if (extension === 'xlsx' && !content.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new SheetFormatError('Файл не читается как книга Excel (XLSX)');
  if (extension === 'csv' && content.length <= CSV_READ_IN_PLACE_BYTES) {
    yield* parsedBatches(caseSheetBatches(fileName, content));
    return;
  }
  // The workbook reader copies a sheet stored before the shared strings (as Excel stores it) to a
  // temporary file and leaves the copy behind when reading stops early; each read gets a directory
  // of its own, removed when the worker has ended, so an upload leaves nothing on the server's disk.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'razbor-sheet-'));
  try {
    yield* batchesFromWorker(fileName, content, scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

type WorkerNews =
  { rows: ReadCaseRow[] } | { done: true } | { formatError: string; detail: string | null } | { failed: Error & { code?: string } } | { exited: number };

/**
 * The worker's batches as they come. Each batch taken asks the worker for the next one, so that it
 * reads on while this one is written, and at most one batch waits.
 */
async function* batchesFromWorker(fileName: string, content: Buffer, scratch: string): AsyncGenerator<ReadCaseRow[]> {
  // One copy, handed over to the worker rather than cloned into it: the caller's buffer may share its memory with others.
  const handedOver = new Uint8Array(content.byteLength);
  handedOver.set(content);
  const worker = new Worker(workerFile(), {
    workerData: { fileName, content: handedOver, today: today() },
    transferList: [handedOver.buffer],
    resourceLimits: SHEET_WORKER_LIMITS,
    env: { ...process.env, TMPDIR: scratch },
  });
  const inbox: WorkerNews[] = [];
  let wake: (() => void) | null = null;
  const deliver = (news: WorkerNews) => {
    inbox.push(news);
    wake?.();
  };
  worker.on('message', deliver);
  worker.once('error', (failed: Error) => deliver({ failed }));
  worker.once('exit', (exited) => deliver({ exited }));
  try {
    for (;;) {
      if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const news = inbox.shift()!;
      if ('rows' in news) {
        worker.postMessage('more');
        yield news.rows;
      } else if ('done' in news) return;
      else if ('formatError' in news) throw new SheetFormatError(news.formatError, news.detail);
      else if ('failed' in news) {
        throw news.failed.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SheetFormatError('Файл слишком сложен для чтения: разделите его на части') : news.failed;
      } else throw new Error(`the sheet reader stopped with code ${news.exited}`);
    }
  } finally {
    // Ended before anything else is written to the scratch directory, whether read to the end or not.
    await worker.terminate();
  }
}
