import { loadConfig } from '../config.js';
import { migrate } from '../db/orm.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';
import { RegisterFileError } from '../modules/reference/register.parser.js';
import { importRegisterVersion, readRegisterFiles } from '../modules/reference/register.service.js';

const usage =
  'Использование: npm run import-fnsi -- ПАСПОРТ.json ЗАПИСИ.json[.gz] [ПАСПОРТ.json ЗАПИСИ.json[.gz] …]\n' +
  '  паспорт и записи версии справочника ФНСИ в формате реестра (пары column/value)';

const files = process.argv.slice(2);
if (files.length === 0 || files.length % 2 !== 0) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const config = loadConfig();
const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
try {
  const pairs: Array<Awaited<ReturnType<typeof readRegisterFiles>>> = [];
  for (let i = 0; i < files.length; i += 2) pairs.push(await readRegisterFiles(files[i], files[i + 1]));
  await withDatabase(config, log, async (orm) => {
    await migrate(orm);
    for (const { passport, rows } of pairs) {
      const { created } = await orm.em.fork().transactional((em) => importRegisterVersion(em, passport, rows));
      process.stdout.write(
        created
          ? `Загружен справочник «${passport.shortName}» (${passport.oid}), версия ${passport.version}: ${rows.length} записей\n`
          : `Справочник «${passport.shortName}» версии ${passport.version} уже загружен: ничего не изменено\n`,
      );
    }
  });
} catch (error) {
  if (error instanceof RegisterFileError || error instanceof SyntaxError) {
    process.stderr.write(`Файл не загружен: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
