import { getYear } from 'date-fns/getYear';
import { isWeekend } from 'date-fns/isWeekend';
import { parseISO } from 'date-fns/parseISO';

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

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date, and back: plain arithmetic, so a queue of 100 000 deadlines costs nothing. */
const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
const isoOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const yearOfDay = (n: number) => new Date(n * DAY_MS).getUTCFullYear();
const firstDayOf = (year: number) => Date.UTC(year, 0, 1) / DAY_MS;

/** One year of the calendar: how many working days there are up to each of its days. */
interface YearIndex {
  firstDay: number;
  /** `workingBefore[i]`: working days among the year's first i days; its last entry is the year's total. */
  workingBefore: Int32Array;
}

/** Working days of the Russian production calendar (five-day week), for the years it knows. */
export class WorkingCalendar {
  private readonly years: Set<number>;
  private readonly daysOff: Set<string>;
  private readonly workingWeekends: Set<string>;
  private readonly index = new Map<number, YearIndex>();

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
    let day = dayNumber(start) + 1;
    let left = n;
    if (left <= 0) return start;
    for (;;) {
      const year = this.yearIndex(yearOfDay(day));
      const at = day - year.firstDay;
      const total = year.workingBefore[year.workingBefore.length - 1];
      if (total - year.workingBefore[at] < left) {
        left -= total - year.workingBefore[at];
        day = year.firstDay + year.workingBefore.length - 1;
        continue;
      }
      // The first day of the year up to which `left` working days have passed since `at`.
      let low = at;
      let high = year.workingBefore.length - 2;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (year.workingBefore[middle + 1] - year.workingBefore[at] >= left) high = middle;
        else low = middle + 1;
      }
      return isoOfDay(year.firstDay + low);
    }
  }

  /** Working days after `from` up to and including `to`; negative when `to` is earlier. */
  workingDaysBetween(from: string, to: string): number {
    if (to === from) return 0;
    return to > from ? this.workingDaysIn(dayNumber(from) + 1, dayNumber(to)) : -this.workingDaysIn(dayNumber(to), dayNumber(from) - 1);
  }

  /** Working days from `first` to `last`, both included (day numbers); every year between must be loaded. */
  private workingDaysIn(first: number, last: number): number {
    let count = 0;
    for (let day = first; day <= last; ) {
      const year = this.yearIndex(yearOfDay(day));
      const yearEnd = year.firstDay + year.workingBefore.length - 2;
      const until = Math.min(last, yearEnd);
      count += year.workingBefore[until - year.firstDay + 1] - year.workingBefore[day - year.firstDay];
      day = until + 1;
    }
    return count;
  }

  private yearIndex(year: number): YearIndex {
    const known = this.index.get(year);
    if (known) return known;
    if (!this.covers(year)) throw new CalendarMissingError(year);
    const firstDay = firstDayOf(year);
    const days = firstDayOf(year + 1) - firstDay;
    const workingBefore = new Int32Array(days + 1);
    for (let i = 0; i < days; i++) workingBefore[i + 1] = workingBefore[i] + (this.isWorkingDay(isoOfDay(firstDay + i)) ? 1 : 0);
    const built = { firstDay, workingBefore };
    this.index.set(year, built);
    return built;
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
