import path from 'node:path';
import { z } from 'zod';
import type { AdmissionSettings } from './http/admission.js';
import type { AttachmentQuota } from './modules/attachments/attachment.service.js';
import type { SanctionRule } from './modules/expertise/episode-sanctions.js';

const flag = z.enum(['0', '1']).optional();

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  RAZBOR_API_DATABASE_URL: z.string().url().optional(),
  RAZBOR_DATA_DIR: z.string().default('.data'),
  RAZBOR_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  RAZBOR_ADMIN_PASSWORD: z.string().min(8).optional(),
  RAZBOR_DEMO: flag,
  RAZBOR_DEMO_PASSWORD: z.string().min(8).default('razbor-demo'),
  RAZBOR_JWT_SECRET: z.string().min(32).optional(),
  RAZBOR_JWT_SECRET_PREVIOUS: z.string().min(32).optional(),
  RAZBOR_TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  RAZBOR_DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  RAZBOR_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  LOG_LEVEL: z.string().default('info'),
  RAZBOR_REVIEW_DUE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  RAZBOR_REPORT_DUE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  RAZBOR_ACT_RECEIPT_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  RAZBOR_EPISODE_SANCTION_RULE: z.enum(['LARGEST_EACH', 'ONE_GROUND']).default('LARGEST_EACH'),
  RAZBOR_NORM_DATE: z.enum(['CARE_END', 'CONCLUSION']).default('CARE_END'),
  RAZBOR_WEB_DIR: z.string().default('dist/web'),
  RAZBOR_SEARCH_ID_LIST_MAX: z.coerce.number().int().min(0).max(100_000).default(1000),
  RAZBOR_SEARCH_COUNT_MAX: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  RAZBOR_IMPORT_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  RAZBOR_ATTACHMENTS_PER_CASE_MB: z.coerce.number().positive().default(100),
  RAZBOR_ATTACHMENTS_PER_ORGANISATION_DAY_MB: z.coerce.number().positive().default(500),
  RAZBOR_TRUSTED_PROXY: z.string().optional(),
  RAZBOR_MAX_IN_FLIGHT: z.coerce.number().int().positive().optional(),
  RAZBOR_MAX_QUEUED: z.coerce.number().int().min(0).default(50),
  RAZBOR_MAX_QUEUE_WAIT_MS: z.coerce.number().int().positive().default(1000),
  RAZBOR_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().positive().default(100),
  RAZBOR_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'адрес почтового сервера: smtp://… или smtps://…' })
    .optional(),
  RAZBOR_MAIL_FROM: z.string().min(3).default('Razbor <razbor@localhost>'),
  RAZBOR_PUBLIC_URL: z.string().url().optional(),
  // 'off': this server sends mail but writes no digests (another process of the same database writes them).
  RAZBOR_MAIL_DIGEST_HOUR: z
    .string()
    .trim()
    .regex(/^(off|[01]?\d|2[0-3])$/, { message: 'час сводки: целое от 0 до 23 или off (сводок не писать)' })
    .default('7')
    .transform((hour) => (hour === 'off' ? null : Number(hour))),
  RAZBOR_MAIL_DIGEST_TASKS: z.coerce.number().int().min(1).max(1000).default(50),
  RAZBOR_MAIL_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
  RAZBOR_MAIL_MAX_AGE_HOURS: z.coerce.number().positive().default(72),
});

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  /** An external PostgreSQL; when absent the embedded one under dataDir is used. */
  databaseUrl?: string;
  /** The API's restricted role, when the operator manages it; otherwise Razbor creates `<database>_api`. */
  apiDatabaseUrl?: string;
  dataDir: string;
  embeddedDbPort: number;
  adminPassword?: string;
  loadDemo: boolean;
  demoPassword: string;
  jwtSecret?: string;
  /** With RAZBOR_JWT_SECRET: the secret it replaced, accepted until its tokens expire. */
  jwtSecretPrevious?: string;
  tokenTtlHours: number;
  poolMax: number;
  statementTimeoutMs: number;
  logLevel: string;
  rules: BusinessRules;
  /** Up to this many matches, a search is answered from the ids the full-text index finds (0: never). */
  searchIdListMax: number;
  /** A text search's matches are counted up to this many; past it the list says «более». */
  searchCountMax: number;
  /** How long a spreadsheet import waits for another one to finish before it asks the user to come back. */
  importWaitMs: number;
  /** The built web client, served at `/`; absent files leave the API alone. */
  webDir: string;
  admission: AdmissionSettings;
  attachmentQuota: AttachmentQuota;
  /**
   * Which reverse proxies may tell the client's address (X-Forwarded-For), as Express's
   * `trust proxy`: a number of hops, or addresses and subnets; false (the default) trusts none.
   */
  trustedProxy: number | string | false;
  /** Mail through an SMTP server; null (RAZBOR_SMTP_URL unset) sends none. */
  mail: MailSettings | null;
}

export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** The address people open Razbor at, for the links in mails. */
  publicUrl: string;
  /** From this hour (server's local time) each day's digest is written; null: never by this server. */
  digestHour: number | null;
  /** At most this many tasks are listed in a digest, the most urgent; the rest are on the start page. */
  digestTasks: number;
  pollMs: number;
  maxAgeHours: number;
}

/** Settings of the rules that organisations may agree differently. */
export interface BusinessRules {
  /** Working days from a case's registration to its commission review in the MO. */
  reviewDueWorkingDays: number;
  /** Working days after a quarter ends by which the SMO submits its quarterly report. */
  reportDueWorkingDays: number;
  /** Working days after sending an act after which the SMO is reminded that the MO has not confirmed receipt. */
  actReceiptWorkingDays: number;
  /** How the findings on one case of care combine (one ground per case; which amounts count). */
  episodeSanctionRule: SanctionRule.LARGEST_EACH | SanctionRule.ONE_GROUND;
  /** Which day picks the per-capita norm (RP) of a fine: the end of the care (default) or the conclusion. */
  normDate: 'CARE_END' | 'CONCLUSION';
}

/**
 * A production start refuses settings that would expose what everyone knows: the demo accounts
 * and their published password, a pinned "today", a demo password of its own.
 */
function refuseExposedDefaults(env: NodeJS.ProcessEnv): void {
  const problems = [
    env.RAZBOR_DEMO === '1' && 'RAZBOR_DEMO=1: демонстрационные пользователи с общеизвестным паролем в рабочем режиме не загружаются',
    env.RAZBOR_DEMO_PASSWORD && 'RAZBOR_DEMO_PASSWORD: в рабочем режиме демонстрационных пользователей нет',
    env.RAZBOR_TODAY && 'RAZBOR_TODAY: подмена текущей даты — только для демонстраций и тестов',
  ].filter((p): p is string => Boolean(p));
  if (problems.length) throw new Error(`Рабочий режим (NODE_ENV=production) не запускается с такими настройками:\n  ${problems.join('\n  ')}`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const production = e.NODE_ENV === 'production';
  if (production) refuseExposedDefaults(env);
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    apiDatabaseUrl: e.RAZBOR_API_DATABASE_URL,
    dataDir: path.resolve(e.RAZBOR_DATA_DIR),
    embeddedDbPort: e.RAZBOR_DB_PORT,
    adminPassword: e.RAZBOR_ADMIN_PASSWORD,
    // Demo data is for trying Razbor locally: on by default only on the embedded database, never in production.
    loadDemo: !production && (e.RAZBOR_DEMO === undefined ? embedded : e.RAZBOR_DEMO === '1'),
    demoPassword: e.RAZBOR_DEMO_PASSWORD,
    jwtSecret: e.RAZBOR_JWT_SECRET,
    jwtSecretPrevious: e.RAZBOR_JWT_SECRET_PREVIOUS,
    tokenTtlHours: e.RAZBOR_TOKEN_TTL_HOURS,
    poolMax: e.RAZBOR_DB_POOL_MAX,
    statementTimeoutMs: e.RAZBOR_STATEMENT_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    webDir: path.resolve(e.RAZBOR_WEB_DIR),
    searchIdListMax: e.RAZBOR_SEARCH_ID_LIST_MAX,
    searchCountMax: e.RAZBOR_SEARCH_COUNT_MAX,
    importWaitMs: e.RAZBOR_IMPORT_WAIT_MS,
    // Twice the pool keeps every connection busy while the next requests are parsed and checked.
    admission: {
      maxInFlight: e.RAZBOR_MAX_IN_FLIGHT ?? 2 * e.RAZBOR_DB_POOL_MAX,
      maxQueued: e.RAZBOR_MAX_QUEUED,
      maxQueueWaitMs: e.RAZBOR_MAX_QUEUE_WAIT_MS,
      maxEventLoopDelayMs: e.RAZBOR_MAX_EVENT_LOOP_DELAY_MS,
    },
    trustedProxy: !e.RAZBOR_TRUSTED_PROXY ? false : /^\d+$/.test(e.RAZBOR_TRUSTED_PROXY) ? Number(e.RAZBOR_TRUSTED_PROXY) : e.RAZBOR_TRUSTED_PROXY,
    attachmentQuota: {
      perCaseBytes: e.RAZBOR_ATTACHMENTS_PER_CASE_MB * 1024 * 1024,
      perOrganisationDayBytes: e.RAZBOR_ATTACHMENTS_PER_ORGANISATION_DAY_MB * 1024 * 1024,
    },
    mail: e.RAZBOR_SMTP_URL
      ? {
          smtpUrl: e.RAZBOR_SMTP_URL,
          from: e.RAZBOR_MAIL_FROM,
          publicUrl: e.RAZBOR_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
          digestHour: e.RAZBOR_MAIL_DIGEST_HOUR,
          digestTasks: e.RAZBOR_MAIL_DIGEST_TASKS,
          pollMs: Math.round(e.RAZBOR_MAIL_POLL_SECONDS * 1000),
          maxAgeHours: e.RAZBOR_MAIL_MAX_AGE_HOURS,
        }
      : null,
    rules: {
      reviewDueWorkingDays: e.RAZBOR_REVIEW_DUE_WORKING_DAYS,
      reportDueWorkingDays: e.RAZBOR_REPORT_DUE_WORKING_DAYS,
      actReceiptWorkingDays: e.RAZBOR_ACT_RECEIPT_WORKING_DAYS,
      episodeSanctionRule: e.RAZBOR_EPISODE_SANCTION_RULE as SanctionRule.LARGEST_EACH | SanctionRule.ONE_GROUND,
      normDate: e.RAZBOR_NORM_DATE,
    },
  };
}
