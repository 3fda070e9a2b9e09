import { parentPort, workerData } from 'node:worker_threads';
import { onDay } from '../../../shared/clock.js';
import type { ReadCaseRow } from './case-row.parser.js';
import { caseSheetBatches, SheetFormatError, type SheetRow } from './case-sheet.reader.js';

/**
 * Reads and parses one uploaded sheet inside a worker whose heap is bounded, on its request's day.
 * Posts its rows a batch at a time and reads on only when asked for more, so that neither side
 * ever holds the whole file's rows; ends with `done`, or with the format error that stopped it.
 */
const { fileName, content, today } = workerData as { fileName: string; content: Uint8Array; today: string };
const port = parentPort!;
const askedForMore = () => new Promise<void>((resolve) => port.once('message', () => resolve()));
// The rules load while the file is opened and counted: a file refused before its first row never waits for them.
const parserLoading = import('./case-row.parser.js');
await onDay(today, async () => {
  try {
    let parse: ((batch: SheetRow[]) => ReadCaseRow[]) | undefined;
    for await (const batch of caseSheetBatches(fileName, Buffer.from(content.buffer, content.byteOffset, content.byteLength))) {
      parse ??= (await parserLoading).batchParser();
      port.postMessage({ rows: parse(batch) });
      await askedForMore();
    }
    port.postMessage({ done: true });
  } catch (error) {
    if (!(error instanceof SheetFormatError)) throw error;
    port.postMessage({ formatError: error.message, detail: error.detail });
  }
});
