import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CalendarMissingError, WorkingCalendar, parseCalendarFile } from '../../server/modules/calendar/working-calendar.js';

const calendar = new WorkingCalendar(
  parseCalendarFile(JSON.parse(readFileSync(new URL('../../data/calendars/ru-production-calendar.json', import.meta.url), 'utf8'))),
);

describe('WorkingCalendar on the shipped production calendar', () => {
  it('skips the New Year holidays: 10 working days after 27.12.2023 is 18.01.2024', () => {
    // 28, 29 Dec 2023 (1, 2); 30.12–08.01 are days off; 9–12 Jan (3–6); 15–18 Jan (7–10).
    expect(calendar.addWorkingDays('2023-12-27', 10)).toBe('2024-01-18');
  });

  it('counts a transferred working Saturday: 27.04.2024 is a working day, 29–30.04 are not', () => {
    expect(calendar.isWorkingDay('2024-04-27')).toBe(true);
    expect(calendar.isWorkingDay('2024-04-29')).toBe(false);
    expect(calendar.isWorkingDay('2024-04-30')).toBe(false);
    // From Fri 26.04: Sat 27.04 (1), then 2.05 (2), 3.05 (3), 6.05 (4), 7.05 (5), 8.05 (6), 13.05 (7)
    expect(calendar.addWorkingDays('2024-04-26', 7)).toBe('2024-05-13');
  });

  it('15 working days from a date across the May holidays of 2024', () => {
    // 26.04 (1), Sat 27.04 (2), 2–3.05 (3–4), 6–8.05 (5–7), 9–10.05 off, 13–17.05 (8–12), 20–22.05 (13–15)
    expect(calendar.addWorkingDays('2024-04-25', 15)).toBe('2024-05-22');
  });

  it('counts working days between two dates in both directions', () => {
    expect(calendar.workingDaysBetween('2024-04-26', '2024-05-13')).toBe(7);
    expect(calendar.workingDaysBetween('2024-05-13', '2024-04-26')).toBe(-7);
    expect(calendar.workingDaysBetween('2024-05-13', '2024-05-13')).toBe(0);
  });

  it('refuses to guess a year it has no calendar for', () => {
    expect(() => calendar.addWorkingDays('2026-12-25', 10)).toThrow(CalendarMissingError);
    expect(() => calendar.isWorkingDay('2027-01-11')).toThrow('Нет производственного календаря на 2027 год');
  });

  it('counts by its yearly index exactly as walking day by day would, across years and into a year it does not know', () => {
    const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
    const walk = (from: string, to: string) => {
      let count = 0;
      const sign = to > from ? 1 : -1;
      for (let day = Date.parse(from) / 86_400_000; iso(day) !== to; ) {
        day += sign;
        if (calendar.isWorkingDay(iso(day))) count += sign;
      }
      return count;
    };
    const walkAdd = (start: string, n: number) => {
      let day = Date.parse(start) / 86_400_000;
      for (let left = n; left > 0; ) if (calendar.isWorkingDay(iso(++day))) left -= 1;
      return iso(day);
    };
    const outcome = (compute: () => unknown) => {
      try {
        return compute();
      } catch (error) {
        return error instanceof CalendarMissingError ? `нет ${error.year}` : error;
      }
    };
    // A fixed pseudo-random walk over 2022–2027 (the shipped file has no 2027): the same pairs every run.
    let seed = 20_261_202;
    const next = (bound: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % bound;
    const base = Date.parse('2022-06-01') / 86_400_000;
    for (let i = 0; i < 400; i++) {
      const [from, to] = [iso(base + next(1900)), iso(base + next(1900))];
      const days = next(400);
      expect([from, to, outcome(() => calendar.workingDaysBetween(from, to))]).toEqual([from, to, outcome(() => walk(from, to))]);
      expect([from, days, outcome(() => calendar.addWorkingDays(from, days))]).toEqual([from, days, outcome(() => walkAdd(from, days))]);
    }
  });
});
