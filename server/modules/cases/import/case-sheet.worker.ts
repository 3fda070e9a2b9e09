import { parentPort, workerData } from 'node:worker_threads';
import { onDay } from '../../../shared/clock.js';
import { parsedBatches } from './case-row.parser.js';
import { caseSheetBatches, SheetFormatError } from './case-sheet.reader.js';

/**
 * Reads and parses one uploaded sheet inside a worker whose heap is bounded, on its request's day.
 * Posts its rows a batch at a time and reads on only when asked for more, so that neither side
 * ever holds the whole file's rows; ends with `done`, or with the format error that stopped it.
 */
const { fileName, content, today } = workerData as { fileName: string; content: Uint8Array; today: string };
const port = parentPort!;
const askedForMore = () => new Promise<void>((resolve) => port.once('message', () => resolve()));
await onDay(today, async () => {
  try {
    for await (const rows of parsedBatches(caseSheetBatches(fileName, Buffer.from(content.buffer, content.byteOffset, content.byteLength)))) {
      port.postMessage({ rows });
      await askedForMore();
    }
    port.postMessage({ done: true });
  } catch (error) {
    if (!(error instanceof SheetFormatError)) throw error;
    port.postMessage({ formatError: error.message, detail: error.detail });
  }
});
