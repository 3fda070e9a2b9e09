import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrate } from '../db/orm.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';
import { Role } from '../modules/auth/role.js';
import { User } from '../modules/auth/user.entity.js';
import { ImportRowStatus, importCaseRows } from '../modules/cases/import/case-import.service.js';
import { parsedBatches } from '../modules/cases/import/case-row.parser.js';
import { SheetFormatError, caseSheetBatches } from '../modules/cases/import/case-sheet.reader.js';
import { OrganisationKind } from '../modules/organisations/organisation-kind.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';

const usage = 'Использование: npm run import-cases -- ФАЙЛ.xlsx|ФАЙЛ.csv --smo ОГРН_СМО [--user ЛОГИН_ЭКСПЕРТА]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { smo: { type: 'string' }, user: { type: 'string' } },
});
const file = positionals[0];
if (!file || !values.smo) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const config = loadConfig();
const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
const content = await readFile(file);

/** The file's rows as it is read, in this process: a file that cannot be read stops the import, and nothing is written. */
async function* rows() {
  try {
    yield* parsedBatches(caseSheetBatches(file, content));
  } catch (error) {
    if (error instanceof SheetFormatError) fail(`Файл не принят, ничего не записано: ${error.message}`);
    throw error;
  }
}

const report = await withDatabase(config, log, async (orm) => {
  await migrate(orm);
  const em = orm.em.fork();
  const smo = await em.findOne(Organisation, { ogrn: values.smo!, kind: OrganisationKind.SMO });
  if (!smo) fail(`СМО с ОГРН ${values.smo} не найдена`);
  const user = await em.findOne(
    User,
    { organisation: smo.id, role: Role.SMO_EXPERT, active: true, ...(values.user ? { login: values.user } : {}) },
    { orderBy: { createdAt: 'asc' } },
  );
  if (!user) fail(`Нет активного эксперта СМО ${values.user ? `с логином ${values.user}` : ''} в «${smo.shortName}»: укажите --user`);
  return em.transactional((tx) =>
    importCaseRows(tx, { smoId: smo.id, rules: config.rules, actorUserId: user.id, fileName: path.basename(file), waitMs: config.importWaitMs }, rows()),
  );
});

process.stdout.write(
  `Файл ${report.fileName}: строк ${report.totalRows}; создано ${report.created}, уже были ${report.alreadyPresent}, с ошибками ${report.invalid}\n`,
);
for (const row of report.rows) {
  if (row.status === ImportRowStatus.CREATED) continue;
  const detail = row.errors.map((e) => (e.columnLetter ? `[${e.columnLetter}] ${e.message}` : e.message)).join('; ');
  process.stdout.write(
    `  строка ${row.row}: ${row.status === ImportRowStatus.ALREADY_PRESENT ? `уже есть (${row.caseNumber ?? ''})` : 'ошибки'}${detail ? ` — ${detail}` : ''}\n`,
  );
}
