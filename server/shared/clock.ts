import { format } from 'date-fns';

/**
 * Today's date as the rules see it — the one source of "today" for validation, deadlines, case
 * numbers and the catalogue in force: the server's local date (set TZ to the region's zone), or
 * RAZBOR_TODAY (YYYY-MM-DD), which pins it so that deadlines can be shown and tested on a fixed day.
 */
export function today(): string {
  const pinned = process.env.RAZBOR_TODAY;
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : format(new Date(), 'yyyy-MM-dd');
}

/** The year of today, as case numbers are counted. */
export const currentYear = (): number => Number(today().slice(0, 4));
