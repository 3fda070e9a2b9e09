import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'date-fns/format';

export interface Clock {
  today(): string;
}

/**
 * The day as the machine sees it: the server's local date (set TZ to the region's zone), or
 * RAZBOR_TODAY (YYYY-MM-DD), which pins it so that deadlines can be shown and tested on a fixed day.
 */
export const systemClock: Clock = {
  today() {
    const pinned = process.env.RAZBOR_TODAY;
    return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : format(new Date(), 'yyyy-MM-dd');
  },
};

const requestClock = new AsyncLocalStorage<Clock>();

/**
 * Runs a request's work with the day fixed at its start, so that one request sees one day: a
 * registration at midnight cannot validate its dates against one day and number the case by another.
 */
export function withDayFixed<T>(work: () => T): T {
  return onDay(systemClock.today(), work);
}

/** Runs work on a given day: a worker thread carries on its request's day. */
export function onDay<T>(day: string, work: () => T): T {
  return requestClock.run({ today: () => day }, work);
}

/**
 * Today's date as the rules see it — the one source of "today" for validation, deadlines, case
 * numbers and the catalogue in force: the request's fixed day, or the machine's outside a request.
 */
export function today(): string {
  return (requestClock.getStore() ?? systemClock).today();
}

/** The year of today, as case numbers are counted. */
export const currentYear = (): number => Number(today().slice(0, 4));
