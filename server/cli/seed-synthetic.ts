import { parseArgs } from 'node:util';
import { prepareDatabase } from '../bootstrap/prepare.js';
import { loadConfig } from '../config.js';
import { withDatabase } from '../app/with-database.js';
import { createLogger } from '../logger.js';
import { seedSynthetic } from '../synthetic/synthetic.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    smos: { type: 'string', default: '5' },
    mos: { type: 'string', default: '60' },
    bureaus: { type: 'string', default: '6' },
  },
});
const config = loadConfig();
const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
const say = (message: string) => process.stdout.write(`${message}\n`);
await withDatabase(config, log, async (orm) => {
  await prepareDatabase(orm, { ...config, loadDemo: false }, log);
  await seedSynthetic(orm.em.fork(), {
    cases: Number(values.cases),
    smos: Number(values.smos),
    mos: Number(values.mos),
    bureaus: Number(values.bureaus),
    password: config.demoPassword,
    log: say,
  });
});
