import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestServer } from './server.js';

const run = promisify(execFile);

/** Loads the test's example of the 402н/631н list (never the order itself) through `npm run import-fnsi`'s program. */
export async function loadExampleList(server: TestServer): Promise<void> {
  const fixture = path.join(process.cwd(), 'test/fixtures/fnsi/857-example');
  const env = { ...process.env, DATABASE_URL: server.razbor.databaseUrl, LOG_LEVEL: 'error' };
  await run('node', ['dist/server/cli/import-fnsi.js', `${fixture}_passport.json`, `${fixture}.json`], { env });
}
