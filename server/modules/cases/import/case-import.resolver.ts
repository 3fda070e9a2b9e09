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

/** A file that cannot be read, at its start or halfway, is the user's to fix; why the library could not read it is ours to know. */
function asUserError(error: unknown, fileName: string, log: Context['log']): unknown {
  if (!(error instanceof SheetFormatError)) return error;
  if (error.detail) log.warn({ fileName, detail: error.detail }, 'spreadsheet not readable');
  return domainError('file', UserErrorCode.INVALID, error.message);
}

/** The uploaded file, decoded, and whether it is imported in place; a file of another type is refused at once. */
function decodeUpload(input: ImportRefusalCasesInput, log: Context['log']): { sheet: UploadedSheet; inPlace: boolean } {
  if (NOT_BASE64.test(input.contentBase64))
    throw domainError('contentBase64', UserErrorCode.INVALID, 'Файл передан повреждённым: содержимое не в кодировке base64');
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw domainError('contentBase64', UserErrorCode.REQUIRED, 'Файл пуст');
  if (content.length > MAX_IMPORT_BYTES) throw domainError('contentBase64', UserErrorCode.INVALID, 'Файл больше 20 МБ: разделите его на части');
  const sheet = { fileName: input.fileName, content };
  try {
    return { sheet, inPlace: importsInPlace(sheet) };
  } catch (error) {
    throw asUserError(error, sheet.fileName, log);
  }
}

/** A small CSV's rows, read in place as the import takes them. */
async function* rowsInPlace(sheet: UploadedSheet, log: Context['log']) {
  try {
    yield* parsedBatches(caseSheetBatches(sheet.fileName, sheet.content));
  } catch (error) {
    throw asUserError(error, sheet.fileName, log);
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
    const upload = await runExpected(async () => decodeUpload(input, ctx.log));
    if (!upload.result) return { result: null, errors: upload.errors };
    const { sheet, inPlace } = upload.result;
    const target = { smoId: viewer.organisationId!, rules: ctx.app.rules, actorUserId: viewer.userId, fileName: sheet.fileName, waitMs: ctx.app.importWaitMs };
    // Read, checked and written a batch at a time in one transaction: a file of 100 000 rows is never
    // held whole, and one that turns out unreadable halfway leaves nothing. Imports run one at a time;
    // any file but a small CSV is imported in a worker of its own, out of the server's heap.
    if (inPlace) return runMutation(ctx, (em) => importCaseRows(em, target, rowsInPlace(sheet, ctx.log)));
    return runExpected(async () => {
      try {
        return await importIsolated(sheet, target, ctx.app.importDatabase);
      } catch (error) {
        throw asUserError(error, sheet.fileName, ctx.log);
      }
    });
  }
}
