import { isValid } from 'date-fns/isValid';
import { isWeekend } from 'date-fns/isWeekend';
import { parse } from 'date-fns/parse';
import { XMLParser } from 'fast-xml-parser';
import { format } from 'date-fns/format';
import { WorkingCalendar, parseCalendarFile, type CalendarData } from './working-calendar.js';

/** A calendar file refused, with the reason in the administrator's words. */
export class CalendarFileError extends Error {}

interface XmlDay {
  d?: string;
  t?: string;
}

/**
 * The open XML production calendar (as xmlcalendar.ru publishes it, one year a file): `<calendar
 * year="2026">` with `<day d="ММ.ДД" t="…"/>`, where t=1 is a day off, t=2 a shortened working day
 * and t=3 a Saturday or Sunday made a working day; weekends not listed stay days off.
 */
export function parseXmlCalendar(text: string): CalendarData {
  let document: { calendar?: { year?: string; days?: { day?: XmlDay[] } } };
  try {
    document = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'day' }).parse(text, true) as typeof document;
  } catch (error) {
    throw new CalendarFileError(`XML не разбирается: ${(error as Error).message}`);
  }
  const calendar = document.calendar;
  const year = Number(calendar?.year);
  if (!calendar || !Number.isInteger(year) || year < 2000 || year > 2100) throw new CalendarFileError('Нет элемента calendar с годом (year="2026")');
  const data: CalendarData = { years: [year], daysOff: [], workingWeekends: [] };
  for (const day of calendar.days?.day ?? []) {
    const date = parse(`${year}.${day.d ?? ''}`, 'yyyy.MM.dd', new Date(0));
    if (!/^\d{2}\.\d{2}$/.test(day.d ?? '') || !isValid(date)) throw new CalendarFileError(`${year}: неверная дата дня «${day.d ?? ''}» (ожидается ММ.ДД)`);
    const iso = format(date, 'yyyy-MM-dd');
    if (day.t === '1') data.daysOff.push(iso);
    else if (day.t === '3' || (day.t === '2' && isWeekend(date))) data.workingWeekends.push(iso);
    else if (day.t !== '2')
      throw new CalendarFileError(`${year}: день ${day.d}: неизвестный тип t="${day.t ?? ''}" (1 — выходной, 2 — сокращённый, 3 — рабочий)`);
  }
  return data;
}

/** A year's calendar is a few kilobytes; anything far larger is not one, and would hold the server while it is read. */
export const MAX_CALENDAR_CHARS = 256 * 1024;

/** A calendar file as an administrator has it: Razbor's JSON (data/calendars) or the open XML format. */
export function parseCalendarContent(content: string): CalendarData {
  if (content.length > MAX_CALENDAR_CHARS) throw new CalendarFileError('файл больше 256 КБ: это не производственный календарь');
  const text = content.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('<')) return parseXmlCalendar(text);
  try {
    return parseCalendarFile(JSON.parse(text));
  } catch (error) {
    throw new CalendarFileError(error instanceof SyntaxError ? 'Файл не JSON и не XML производственного календаря' : (error as Error).message);
  }
}

export interface CalendarYearPreview {
  year: number;
  workingDays: number;
  daysOff: string[];
  workingWeekends: string[];
}

/** What a file would load, year by year: the days it makes special and the year's working days, a figure to check against the decree. */
export function previewCalendar(data: CalendarData): CalendarYearPreview[] {
  const calendar = new WorkingCalendar(data);
  return [...data.years]
    .sort((a, b) => a - b)
    .map((year) => {
      const inYear = (day: string) => day.startsWith(`${year}-`);
      return {
        year,
        workingDays: calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`),
        daysOff: [...new Set(data.daysOff.filter(inYear))].filter((day) => !isWeekend(new Date(`${day}T00:00:00`))).sort(),
        workingWeekends: [...new Set(data.workingWeekends.filter(inYear))].sort(),
      };
    });
}
