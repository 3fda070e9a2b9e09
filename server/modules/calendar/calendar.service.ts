import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { projectRoot } from '../../shared/project-root.js';
import { CalendarException, CalendarYear } from './calendar.entity.js';
import { WorkingCalendar, parseCalendarFile, type CalendarData } from './working-calendar.js';

export const SEED_CALENDAR_FILE = 'data/calendars/ru-production-calendar.json';

/**
 * The calendar changes once a year, when an administrator loads a decree: it is read once a
 * minute per process (other processes pick an import up within that minute).
 */
const CACHE_MS = 60_000;
let cached: { calendar: WorkingCalendar; at: number } | null = null;

export async function loadWorkingCalendar(em: EntityManager): Promise<WorkingCalendar> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.calendar;
  const calendar = await readWorkingCalendar(em);
  cached = { calendar, at: Date.now() };
  return calendar;
}

async function readWorkingCalendar(em: EntityManager): Promise<WorkingCalendar> {
  const years = await em.find(CalendarYear, {}, { fields: ['year'] });
  const exceptions = await em.find(CalendarException, {});
  return new WorkingCalendar({
    years: years.map((y) => y.year),
    daysOff: exceptions.filter((e) => !e.working).map((e) => e.day),
    workingWeekends: exceptions.filter((e) => e.working).map((e) => e.day),
  });
}

/**
 * Loads years of the production calendar. Years already present are kept unless `replace`
 * (an administrator loading a revised decree); a replaced year is rewritten whole.
 */
export async function importCalendar(em: EntityManager, data: CalendarData, source: string, options: { replace: boolean }): Promise<number[]> {
  const present = new Set((await em.find(CalendarYear, { year: { $in: data.years } })).map((y) => y.year));
  const years = data.years.filter((year) => options.replace || !present.has(year));
  for (const year of years) {
    await em.nativeDelete(CalendarException, { day: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } });
    await em.upsert(CalendarYear, { year, source, loadedAt: new Date() });
    const inYear = (day: string) => day.startsWith(`${year}-`);
    const rows = [
      ...[...new Set(data.daysOff.filter(inYear))].map((day) => ({ day, working: false })),
      ...data.workingWeekends.filter(inYear).map((day) => ({ day, working: true })),
    ];
    if (rows.length) await em.insertMany(CalendarException, rows);
  }
  cached = null;
  return years;
}

export async function importSeedCalendar(em: EntityManager): Promise<number[]> {
  const file = path.join(projectRoot(), SEED_CALENDAR_FILE);
  const data = parseCalendarFile(JSON.parse(await readFile(file, 'utf8')));
  return importCalendar(em, data, path.basename(file), { replace: false });
}

export function listCalendarYears(em: EntityManager): Promise<CalendarYear[]> {
  return em.find(CalendarYear, {}, { orderBy: { year: 'asc' } });
}
