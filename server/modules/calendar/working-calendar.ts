import { addDays, format, getYear, isWeekend, parseISO } from 'date-fns';

/** A deadline asked of a year whose production calendar is not loaded: never guessed. */
export class CalendarMissingError extends Error {
  constructor(readonly year: number) {
    super(`Нет производственного календаря на ${year} год: администратор должен загрузить его`);
    this.name = 'CalendarMissingError';
  }
}

export interface CalendarData {
  years: number[];
  /** Weekdays that are days off: holidays, transferred days off, non-working days by decree. */
  daysOff: string[];
  /** Saturdays and Sundays made working days by a transfer. */
  workingWeekends: string[];
}

const iso = (date: Date) => format(date, 'yyyy-MM-dd');

/** Working days of the Russian production calendar (five-day week), for the years it knows. */
export class WorkingCalendar {
  private readonly years: Set<number>;
  private readonly daysOff: Set<string>;
  private readonly workingWeekends: Set<string>;

  constructor(data: CalendarData) {
    this.years = new Set(data.years);
    this.daysOff = new Set(data.daysOff);
    this.workingWeekends = new Set(data.workingWeekends);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(day: string): boolean {
    const date = parseISO(day);
    if (!this.covers(getYear(date))) throw new CalendarMissingError(getYear(date));
    if (this.workingWeekends.has(day)) return true;
    return !isWeekend(date) && !this.daysOff.has(day);
  }

  /** The n-th working day after `start` (the start day itself is not counted). */
  addWorkingDays(start: string, n: number): string {
    let date = parseISO(start);
    let left = n;
    while (left > 0) {
      date = addDays(date, 1);
      if (this.isWorkingDay(iso(date))) left -= 1;
    }
    return iso(date);
  }

  /** Working days after `from` up to and including `to`; negative when `to` is earlier. */
  workingDaysBetween(from: string, to: string): number {
    if (to === from) return 0;
    const sign = to > from ? 1 : -1;
    let count = 0;
    let date = parseISO(from);
    const end = iso(parseISO(to));
    while (iso(date) !== end) {
      date = addDays(date, sign);
      if (this.isWorkingDay(iso(date))) count += sign;
    }
    return count;
  }
}

interface CalendarFileYear {
  holidays: string[];
  extraDaysOff?: string[];
  workingWeekends?: string[];
  nonWorkingDaysByPresidentialDecree?: { dates: string[] };
}

/** Reads the calendar file (data/calendars/README.md describes it) into calendar data. */
export function parseCalendarFile(json: unknown): CalendarData {
  const file = json as { years?: Record<string, CalendarFileYear> };
  if (!file || typeof file !== 'object' || !file.years || typeof file.years !== 'object') {
    throw new Error('В файле календаря нет раздела years');
  }
  const data: CalendarData = { years: [], daysOff: [], workingWeekends: [] };
  for (const [yearText, year] of Object.entries(file.years)) {
    const yearNumber = Number(yearText);
    if (!Number.isInteger(yearNumber) || !Array.isArray(year.holidays)) throw new Error(`Год ${yearText}: нет списка holidays`);
    const all = [...year.holidays, ...(year.extraDaysOff ?? []), ...(year.nonWorkingDaysByPresidentialDecree?.dates ?? [])];
    for (const day of [...all, ...(year.workingWeekends ?? [])]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !day.startsWith(yearText)) throw new Error(`Год ${yearText}: неверная дата «${day}»`);
    }
    data.years.push(yearNumber);
    data.daysOff.push(...all);
    data.workingWeekends.push(...(year.workingWeekends ?? []));
  }
  return data;
}

/**
 * `WorkingCalendar.workingDaysBetween` in SQL for dates held in columns (from earlier than or equal
 * to `to`): null when a year between them has no production calendar loaded, never a guess.
 */
export const workingDaysBetweenSql = (from: string, to: string): string =>
  `(case when exists (select 1 from generate_series(extract(year from ${from})::int, extract(year from ${to})::int) y
                       where y not in (select year from calendar_year)) then null
         else (select count(*)::int from generate_series(${from} + 1, ${to}, interval '1 day') d
                 left join calendar_exception x on x.day = d::date
                where coalesce(x.working, extract(isodow from d) < 6)) end)`;
