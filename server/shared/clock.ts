import { format } from 'date-fns';

/**
 * Today's date as the rules see it. RAZBOR_TODAY (YYYY-MM-DD) pins it, so that deadline
 * statuses can be shown and tested on a fixed day.
 */
export function today(): string {
  const pinned = process.env.RAZBOR_TODAY;
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : format(new Date(), 'yyyy-MM-dd');
}
