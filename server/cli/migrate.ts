import { loadConfig } from '../config.js';
import { migrate } from '../db/orm.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const applied = await withDatabase(config, log, migrate);
process.stdout.write(applied.length ? `Применены миграции: ${applied.join(', ')}\n` : 'Новых миграций нет\n');
