import { invalidArgument } from './errors.js';

/** First and last day of a calendar quarter, `YYYY-MM-DD`. */
export function quarterBounds(year: number, quarter: number): { from: string; to: string } {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalidArgument('year', 'Год квартала: от 2000 до 2100');
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw invalidArgument('quarter', 'Квартал: число от 1 до 4');
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0)).getUTCDate();
  const month = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${month(firstMonth)}-01`, to: `${year}-${month(firstMonth + 2)}-${lastDay}` };
}

export { previousQuarter } from './calendar-quarters.js';
