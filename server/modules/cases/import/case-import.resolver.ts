import { Arg, Ctx, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type Context, viewerOf } from '../../../graphql/context.js';
import { runExpected, runMutation } from '../../../graphql/mutation.js';
import { PayloadOf } from '../../../graphql/payload.js';
import { UserErrorCode, domainError } from '../../../shared/errors.js';
import { ImportRowStatus, importCaseRows } from './case-import.service.js';
import { CaseImportReport, ImportRefusalCasesInput, ImportRowResultType } from './case-import.types.js';
import type { ReadCaseRow } from './case-row.parser.js';
import { SheetFormatError } from './case-sheet.reader.js';
import { readCaseRowsIsolated } from './case-sheet.isolated.js';

@ObjectType()
export class CaseImportPayload extends PayloadOf(CaseImportReport) {}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** A character base64 does not have: Node's decoder skips them, so «!!!» would read as an empty file. */
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;

function decodeUpload(input: ImportRefusalCasesInput): Buffer {
  if (NOT_BASE64.test(input.contentBase64))
    throw domainError('contentBase64', UserErrorCode.INVALID, 'Файл передан повреждённым: содержимое не в кодировке base64');
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw domainError('contentBase64', UserErrorCode.REQUIRED, 'Файл пуст');
  if (content.length > MAX_IMPORT_BYTES) throw domainError('contentBase64', UserErrorCode.INVALID, 'Файл больше 20 МБ: разделите его на части');
  return content;
}

/** The file's rows as it is read; a file that cannot be read, at its start or halfway, is the user's to fix. */
async function* uploadedRows(fileName: string, content: Buffer, log: Context['log']): AsyncGenerator<ReadCaseRow[]> {
  try {
    yield* readCaseRowsIsolated(fileName, content);
  } catch (error) {
    if (!(error instanceof SheetFormatError)) throw error;
    // Why the library could not read it is ours to know, not the user's.
    if (error.detail) log.warn({ fileName, detail: error.detail }, 'spreadsheet not readable');
    throw domainError('file', UserErrorCode.INVALID, error.message);
  }
}

@Resolver(() => CaseImportReport)
export class CaseImportResolver {
  /** A file of tens of thousands of rows answers the rows asked for, not every created one. */
  @FieldResolver(() => [ImportRowResultType], { description: 'Итоги строк: все или только с этими итогами; first — не больше стольких' })
  rows(
    @Root() report: CaseImportReport,
    @Arg('statuses', () => [ImportRowStatus], { nullable: true }) statuses?: ImportRowStatus[] | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): ImportRowResultType[] {
    const asked = statuses?.length ? report.rows.filter((row) => statuses.includes(row.status)) : report.rows;
    return first != null && first >= 0 ? asked.slice(0, first) : asked;
  }

  @Mutation(() => CaseImportPayload, {
    description: 'Загрузка случаев отказа из XLSX/CSV: по каждой строке — создан, уже есть, или ошибки',
  })
  async importRefusalCases(@Ctx() ctx: Context, @Arg('input') input: ImportRefusalCasesInput) {
    const viewer = viewerOf(ctx);
    const upload = await runExpected(async () => decodeUpload(input));
    if (!upload.result) return { result: null, errors: upload.errors };
    // Read, checked and written a batch at a time in one transaction: a file of 100 000 rows is never
    // held whole, and one that turns out unreadable halfway leaves nothing. Imports run one at a time.
    const rows = uploadedRows(input.fileName, upload.result, ctx.log);
    const target = { smoId: viewer.organisationId!, rules: ctx.app.rules, actorUserId: viewer.userId, fileName: input.fileName, waitMs: ctx.app.importWaitMs };
    return runMutation(ctx, (em) => importCaseRows(em, target, rows));
  }
}
