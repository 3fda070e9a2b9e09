import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrate } from '../db/orm.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';
import { CatalogueFormatError } from '../modules/catalogue/catalogue.parser.js';
import { CatalogueConflictError, importCatalogue } from '../modules/catalogue/catalogue.service.js';
import { DomainError } from '../shared/errors.js';

const usage = 'Использование: npm run import-catalogue -- ФАЙЛ.md|ФАЙЛ.docx --name "Название версии" --effective-from ГГГГ-ММ-ДД';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, 'effective-from': { type: 'string' } },
});
const file = positionals[0];
if (!file || !values.name || !values['effective-from']) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const config = loadConfig();
const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
try {
  const bytes = await readFile(file);
  // The appendix as published in Word, or its table as Markdown.
  const content = file.toLowerCase().endsWith('.docx') ? { contentBase64: bytes.toString('base64') } : { content: bytes.toString('utf8') };
  const { version, created } = await withDatabase(config, log, async (orm) => {
    await migrate(orm);
    return orm.em.fork().transactional((em) =>
      importCatalogue(em, {
        name: values.name!,
        effectiveFrom: values['effective-from']!,
        sourceDocument: path.basename(file),
        ...content,
      }),
    );
  });
  process.stdout.write(
    created
      ? `Импортирована версия «${version.name}» от ${version.effectiveFrom}: ${version.codeCount} кодов\n`
      : `Версия «${version.name}» от ${version.effectiveFrom} уже импортирована — ничего не изменено\n`,
  );
} catch (error) {
  if (error instanceof CatalogueFormatError) {
    process.stderr.write(`Файл не принят, ничего не записано: ${file}, ${error.message}\n`);
  } else if (error instanceof CatalogueConflictError || error instanceof DomainError) {
    process.stderr.write(`Импорт отклонён: ${error.message}\n`);
  } else {
    throw error;
  }
  process.exit(1);
}
