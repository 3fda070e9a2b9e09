import { Arg, Ctx, FieldResolver, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type Context, viewerOf } from '../../../graphql/context.js';
import { runExpected, runMutation } from '../../../graphql/mutation.js';
import { PayloadOf } from '../../../graphql/payload.js';
import { UserErrorCode, domainError } from '../../../shared/errors.js';
import { ImportRowStatus, importCaseRows } from './case-import.service.js';
import { CaseImportReport, ImportRefusalCasesInput, ImportRowResultType } from './case-import.types.js';
import { parsedBatches } from './case-row.parser.js';
import { SheetFormatError, caseSheetBatches } from './case-sheet.reader.js';
import { importIsolated, importsInPlace, type UploadedSheet } from './case-import.isolated.js';

@ObjectType()
export class CaseImportPayload extends PayloadOf(CaseImportReport) {}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** A character base64 does not have: Node's decoder skips them, so «!!!» would read as an empty file. */
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;

/**
 * Runs a step of the import. A file that cannot be read, at its start or halfway, is the user's to
 * fix, at `file`; why the library could not read it is ours to know, in the log.
 */
async function readingForUser<T>(fileName: string, log: Context['log'], step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof SheetFormatError)) throw error;
    if (error.detail) log.warn({ fileName, detail: error.detail }, 'spreadsheet not readable');
    throw domainError('file', UserErrorCode.INVALID, error.message);
  }
}

/** The uploaded file, decoded, and whether it is imported in place; a file of another type is refused at once. */
function decodeUpload(input: ImportRefusalCasesInput): { sheet: UploadedSheet; inPlace: boolean } {
  if (NOT_BASE64.test(input.contentBase64))
    throw domainError('contentBase64', UserErrorCode.INVALID, 'Файл передан повреждённым: содержимое не в кодировке base64');
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw domainError('contentBase64', UserErrorCode.REQUIRED, 'Файл пуст');
  if (content.length > MAX_IMPORT_BYTES) throw domainError('contentBase64', UserErrorCode.INVALID, 'Файл больше 20 МБ: разделите его на части');
  const sheet = { fileName: input.fileName, content };
  return { sheet, inPlace: importsInPlace(sheet) };
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
    const reading = <T>(step: () => Promise<T>) => readingForUser(input.fileName, ctx.log, step);
    const upload = await runExpected(() => reading(async () => decodeUpload(input)));
    if (!upload.result) return { result: null, errors: upload.errors };
    const { sheet, inPlace } = upload.result;
    const target = { smoId: viewer.organisationId!, rules: ctx.app.rules, actorUserId: viewer.userId, fileName: sheet.fileName, waitMs: ctx.app.importWaitMs };
    // Read, checked and written a batch at a time in one transaction: a file of 100 000 rows is never
    // held whole, and one that turns out unreadable halfway leaves nothing. Imports run one at a time;
    // any file but a small CSV is imported in a worker of its own, out of the server's heap.
    if (inPlace) return runMutation(ctx, (em) => reading(() => importCaseRows(em, target, parsedBatches(caseSheetBatches(sheet.fileName, sheet.content)))));
    return runExpected(() => reading(() => importIsolated(sheet, target, ctx.app.importDatabase)));
  }
}
