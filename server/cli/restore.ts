import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { restoreDatabase } from '../db/dump.js';
import { migrate } from '../db/orm.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean', default: false } } });
const file = positionals[0];
if (!file || !values.yes) {
  process.stderr.write('Использование: npm run restore -- ФАЙЛ.jsonl.gz --yes\nВсе данные настроенной базы будут заменены данными копии.\n');
  process.exit(2);
}
const config = loadConfig();
const counts = await withDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'), async (orm) => {
  await migrate(orm);
  const client = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await client.connect();
  try {
    return await restoreDatabase(client, path.resolve(file));
  } finally {
    await client.end();
  }
}).catch((error: Error) => {
  process.stderr.write(`Восстановление не выполнено, данные не изменены: ${error.message}\n`);
  process.exit(1);
});
const total = Object.values(counts).reduce((a, b) => a + b, 0);
process.stdout.write(`Восстановлено из ${file}: таблиц ${Object.keys(counts).length}, строк ${total}\n`);
