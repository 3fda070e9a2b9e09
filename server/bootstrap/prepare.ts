import type { MikroORM } from '@mikro-orm/postgresql';
import { migrate } from '../db/orm.js';
import type { Logger } from '../logger.js';
import { importSeedCatalogue } from '../modules/catalogue/catalogue.service.js';
import { importSeedCalendar } from '../modules/calendar/calendar.service.js';
import { importShippedDictionaries } from '../modules/reference/register.service.js';
import { seedRootCauses } from '../modules/reviews/root-cause.seed.js';
import { ensureAdministrator } from './admin.js';
import { ensureDemoData } from './demo.js';

export interface PrepareOptions {
  adminPassword?: string;
  loadDemo: boolean;
  demoPassword: string;
}

export interface PrepareReport {
  migrationsApplied: string[];
  catalogueImported: boolean;
  generatedAdminPassword: string | null;
  demoLoaded: boolean;
}

/** Brings a database up to date: migrations, seed catalogue, МКБ-10 and НМУ, calendar, administrator, demo set. Idempotent. */
export async function prepareDatabase(orm: MikroORM, options: PrepareOptions, log: Logger): Promise<PrepareReport> {
  const migrationsApplied = await migrate(orm);
  if (migrationsApplied.length) log.info({ migrations: migrationsApplied }, 'migrations applied');
  const em = orm.em.fork();
  const catalogue = await em.transactional((tx) => importSeedCatalogue(tx));
  if (catalogue.created) log.info({ codes: catalogue.version.codeCount }, 'seed defect catalogue imported');
  const dictionaries = await em.transactional((tx) => importShippedDictionaries(tx));
  if (dictionaries.length) log.info({ dictionaries }, 'reference dictionaries of the register loaded');
  const calendarYears = await em.transactional((tx) => importSeedCalendar(tx));
  if (calendarYears.length) log.info({ years: calendarYears }, 'production calendar loaded');
  await em.transactional((tx) => seedRootCauses(tx));
  const admin = await em.transactional((tx) => ensureAdministrator(tx, options.adminPassword));
  const demo = options.loadDemo ? await em.transactional((tx) => ensureDemoData(tx, options.demoPassword)) : { loaded: false };
  return {
    migrationsApplied,
    catalogueImported: catalogue.created,
    generatedAdminPassword: admin.generatedPassword,
    demoLoaded: demo.loaded,
  };
}
