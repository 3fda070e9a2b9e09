import type { MikroORM } from '@mikro-orm/postgresql';
import { prepareDatabase, type PrepareReport } from '../bootstrap/prepare.js';
import type { AppConfig } from '../config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded.js';
import { openAppOrm } from './orm.js';
import { razborSchema } from './schema.js';
import { ROUTES } from './modules.js';
import { requestClaims, requestContext } from './context.js';
import { warnIfCyrillicCaseNotFolded } from '../db/case-folding.js';
import { startHttpServer } from '../http/app.js';
import { createDatabaseIfMissing } from '../db/create-database.js';
import { ensureApiRole } from '../db/api-role.js';
import type { Logger } from '../logger.js';
import { TokenService } from '../modules/auth/token.service.js';
import { currentSigningKeys, storedSigningKeys } from '../modules/auth/signing-keys.js';
import pg from 'pg';
import { startMailWorker } from '../modules/mail/mail-worker.js';
import { enqueueDailyDigests } from '../modules/tasks/task-digest.js';
import { RegistrationWrites } from '../modules/cases/registration-writes.js';

export interface Razbor {
  url: string;
  port: number;
  orm: MikroORM;
  /** The owner's connection: migrations and command-line tools. */
  databaseUrl: string;
  /** The API's own role, which owns nothing. */
  apiDatabaseUrl: string;
  embedded: boolean;
  report: PrepareReport;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'razbor';

/** Starts everything Razbor needs: database (embedded unless DATABASE_URL), schema, data, HTTP. */
export async function startRazbor(config: AppConfig, log: Logger): Promise<Razbor> {
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedDatabase(config.dataDir, log, config.embeddedDbPort);
    await createDatabaseIfMissing(embedded.adminUrl, EMBEDDED_DATABASE);
    databaseUrl = embedded.urlFor(EMBEDDED_DATABASE);
  }
  let orm: MikroORM | null = null;
  try {
    // Migrations may rewrite large tables: they run on a connection without the API's statement timeout.
    const maintenance = await openAppOrm({ databaseUrl, poolMax: 1, statementTimeoutMs: 0, log });
    const ownerUrl = databaseUrl;
    const { report, apiUrl } = await (async () => {
      const prepared = await prepareDatabase(maintenance, config, log);
      return { report: prepared, apiUrl: config.apiDatabaseUrl ?? (await ensureApiRole(maintenance, ownerUrl, log)) };
    })().finally(() => maintenance.close());
    orm = await openAppOrm({
      databaseUrl: apiUrl,
      poolMax: config.poolMax,
      statementTimeoutMs: config.statementTimeoutMs,
      log,
    });
    await warnIfCyrillicCaseNotFolded(orm.em.fork(), log);
    const keyPool = new pg.Pool({ connectionString: apiUrl, max: 1 });
    // An idle connection the database ends (a restart, an administrator) is opened anew at the next
    // read; a pool without a listener would end the whole process on it.
    keyPool.on('error', (error) => log.warn({ err: error }, 'the signing keys connection was ended by the database; the next read opens another'));
    const tokens = config.jwtSecret
      ? new TokenService({ current: config.jwtSecret, previous: config.jwtSecretPrevious }, config.tokenTtlHours)
      : new TokenService(await storedSigningKeys(orm.em.fork()), config.tokenTtlHours, () => currentSigningKeys(keyPool));
    const http = await startHttpServer({
      schema: await razborSchema(),
      routes: ROUTES,
      contextOf: requestContext(orm, log, {
        tokens,
        rules: config.rules,
        searchIdListMax: config.searchIdListMax,
        searchCountMax: config.searchCountMax,
        importWaitMs: config.importWaitMs,
        importDatabase: { url: apiUrl, statementTimeoutMs: config.statementTimeoutMs },
        attachmentQuota: config.attachmentQuota,
        registrations: new RegistrationWrites(),
      }),
      orm,
      log,
      port: config.port,
      host: config.host,
      production: config.production,
      webDir: config.webDir,
      admission: config.admission,
      trustedProxy: config.trustedProxy,
      signedIn: async (req) => (await requestClaims(req, tokens)) !== null,
    });
    const openedOrm = orm;
    const mailSettings = config.mail;
    const mail = mailSettings
      ? startMailWorker(orm, mailSettings, log, (mailOrm, day) => enqueueDailyDigests(mailOrm.em.fork(), config.rules, day, mailSettings.digestTasks))
      : null;
    return {
      url: http.url,
      port: http.port,
      orm,
      databaseUrl,
      apiDatabaseUrl: apiUrl,
      embedded: embedded !== null,
      report,
      async stop() {
        await http.close();
        await mail?.stop();
        await keyPool.end();
        await openedOrm.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await orm?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
