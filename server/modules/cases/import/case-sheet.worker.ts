import { parentPort, workerData } from 'node:worker_threads';
import { readCaseSheet, SheetFormatError } from './case-sheet.reader.js';

/** Reads one uploaded sheet inside a worker whose heap is bounded; answers rows or a format error. */
const { fileName, content } = workerData as { fileName: string; content: Uint8Array };
try {
  parentPort!.postMessage({ rows: await readCaseSheet(fileName, Buffer.from(content)) });
} catch (error) {
  if (!(error instanceof SheetFormatError)) throw error;
  parentPort!.postMessage({ formatError: error.message, detail: error.detail });
}
