import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { dumpDatabase } from '../db/dump.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';

const { positionals } = parseArgs({ allowPositionals: true });
const config = loadConfig();
const file = path.resolve(positionals[0] ?? path.join(config.dataDir, 'backups', `razbor-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl.gz`));
await mkdir(path.dirname(file), { recursive: true });
const counts = await withDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'), async (orm) => {
  const client = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await client.connect();
  try {
    return await dumpDatabase(client, file);
  } finally {
    await client.end();
  }
});
const total = Object.values(counts).reduce((a, b) => a + b, 0);
process.stdout.write(`Резервная копия записана: ${file} (таблиц ${Object.keys(counts).length}, строк ${total})\n`);
