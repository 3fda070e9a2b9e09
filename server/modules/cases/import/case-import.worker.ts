import { parentPort, workerData } from 'node:worker_threads';
import type { DatabaseAccess } from '../../../db/orm.js';
import { onDay } from '../../../shared/clock.js';
import type { ImportReport, ImportTarget } from './case-import.service.js';
import type { ReadCaseRow } from './case-row.parser.js';
import { caseSheetBatches, SheetFormatError } from './case-sheet.reader.js';

/**
 * Imports one uploaded sheet inside a worker whose heap is bounded, on a connection of its own and
 * on its request's day: the file is read, checked and written a batch at a time in one transaction,
 * and neither its rows nor the statements built for them ever take the server's memory. Ends with
 * the report, or with what refused the file.
 */
const { fileName, content, today, target, database } = workerData as {
  fileName: string;
  content: Uint8Array;
  today: string;
  target: ImportTarget;
  database: DatabaseAccess;
};
const port = parentPort!;
// The row rules load while the file is opened and counted; the import and the database only once
// its first batch is read: a file refused before its first row never waits for them, nor opens a connection.
const parserLoading = import('./case-row.parser.js');
const importModules = () => Promise.all([import('./case-import.service.js'), import('../../../db/orm.js')]);

/** The batches of a reading whose first batch was taken already. */
async function* resumed(first: IteratorResult<ReadCaseRow[]>, rest: AsyncIterator<ReadCaseRow[]>): AsyncGenerator<ReadCaseRow[]> {
  for (let batch = first; !batch.done; batch = await rest.next()) yield batch.value;
}

async function importSheet(): Promise<ImportReport> {
  const batches = caseSheetBatches(fileName, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  const reading = (await parserLoading).parsedBatches(batches)[Symbol.asyncIterator]();
  const first = await reading.next();
  const [{ IMPORT_ENTITIES, importCaseRows }, { openOrm }] = await importModules();
  // Two connections: the import's transaction, and the case numbers taken apart from it (`takeCaseNumbersApart`).
  const orm = await openOrm({ entities: IMPORT_ENTITIES, databaseUrl: database.url, poolMax: 2, statementTimeoutMs: database.statementTimeoutMs });
  try {
    return await orm.em.fork().transactional((em) => importCaseRows(em, target, resumed(first, reading)));
  } finally {
    await orm.close();
  }
}

await onDay(today, async () => {
  try {
    port.postMessage({ report: await importSheet() });
  } catch (error) {
    if (error instanceof SheetFormatError) return port.postMessage({ formatError: error.message, detail: error.detail });
    const refusal = (await import('../../../graphql/mutation.js')).asDomainError(error);
    if (!refusal) throw error;
    port.postMessage({ refusal: { errors: refusal.errors, kind: refusal.kind } });
  }
});
