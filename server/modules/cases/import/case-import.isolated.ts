import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DatabaseAccess } from '../../../db/orm.js';
import { projectRoot } from '../../../shared/project-root.js';
import { today } from '../../../shared/clock.js';
import { DomainError, type FailureKind, type UserErrorData } from '../../../shared/errors.js';
import { anotherImportRunning, type ImportReport, type ImportTarget } from './case-import.service.js';
import { SheetFormatError, UNREADABLE_WORKBOOK, sheetFormatOf } from './case-sheet.reader.js';

/**
 * The heap an import may take while it reads, checks and writes a file of up to 100 000 rows. A
 * file that needs more (a bomb that slipped past the counting) ends its worker instead of the
 * server; the server's own event loop and memory are never held by it.
 */
export const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 };

/** The compiled worker: beside this file when running from dist/, in dist/ when running from sources. */
function workerFile(): URL {
  const beside = new URL('./case-import.worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(path.join(projectRoot(), 'dist/server/modules/cases/import/case-import.worker.js'));
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** A CSV this small (about a thousand rows) is imported in place: starting a worker (≈ 1 s) costs more than the file. */
const CSV_IN_PLACE_BYTES = 256 * 1024;

export interface UploadedSheet {
  fileName: string;
  content: Buffer;
}

/**
 * Whether a file is small and plain enough to import on the request's own thread; a workbook that
 * is no zip at all, or a file of another type, is refused at once.
 */
export function importsInPlace({ fileName, content }: UploadedSheet): boolean {
  const extension = sheetFormatOf(fileName);
  if (extension === 'xlsx' && !content.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new SheetFormatError(UNREADABLE_WORKBOOK);
  return extension === 'csv' && content.length <= CSV_IN_PLACE_BYTES;
}

type WorkerNews =
  | { report: ImportReport }
  | { formatError: string; detail: string | null }
  | { refusal: { errors: UserErrorData[]; kind: FailureKind } }
  | { failed: Error & { code?: string } }
  | { exited: number };

/**
 * Imports a sheet in a worker thread with a bounded heap and a connection of its own (one
 * transaction there), answering its report or throwing what refused the file, as the import in
 * place would.
 */
export async function importIsolated(sheet: UploadedSheet, target: ImportTarget, database: DatabaseAccess): Promise<ImportReport> {
  return inTurn(target.waitMs, () => reportOfWorker(sheet, target, database));
}

/** The end of the last import worker asked for: the next one starts after it. */
let lastTurn: Promise<void> = Promise.resolve();

/**
 * One import worker at a time in this server: each may take a few hundred megabytes, and imports
 * run one at a time anyway (the import lock). A file that waits longer than an import would wait
 * for the lock is refused the same way.
 */
async function inTurn<T>(waitMs: number, work: () => Promise<T>): Promise<T> {
  const previous = lastTurn;
  let release!: () => void;
  lastTurn = new Promise<void>((resolve) => (release = resolve));
  const giveUp = new AbortController();
  try {
    const waited = await Promise.race([previous.then(() => true), delay(waitMs, false, { signal: giveUp.signal })]);
    if (!waited) throw anotherImportRunning();
    return await work();
  } finally {
    giveUp.abort();
    // The next file's turn comes once this one's has: at once when it ran, after the previous when it gave up.
    void previous.then(release);
  }
}

async function reportOfWorker({ fileName, content }: UploadedSheet, target: ImportTarget, database: DatabaseAccess): Promise<ImportReport> {
  // Handed over to the worker rather than cloned into it; copied first only when the buffer shares
  // its memory with others (a small one from Node's pool), since handing over empties it.
  const handedOver = content.byteOffset === 0 && content.byteLength === content.buffer.byteLength ? content : Uint8Array.from(content);
  const worker = new Worker(workerFile(), {
    workerData: { fileName, content: handedOver, today: today(), target, database },
    transferList: [handedOver.buffer as ArrayBuffer],
    resourceLimits: IMPORT_WORKER_LIMITS,
  });
  try {
    const news = await new Promise<WorkerNews>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (failed: Error) => resolve({ failed }));
      worker.once('exit', (exited) => resolve({ exited }));
    });
    if ('report' in news) return news.report;
    if ('formatError' in news) throw new SheetFormatError(news.formatError, news.detail);
    if ('refusal' in news) throw new DomainError(news.refusal.errors, news.refusal.kind);
    if ('failed' in news) {
      throw news.failed.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SheetFormatError('Файл слишком сложен для чтения: разделите его на части') : news.failed;
    }
    throw new Error(`the import worker stopped with code ${news.exited}`);
  } finally {
    await worker.terminate();
  }
}
