import { v7 } from 'uuid';

/**
 * A new record id: a UUID whose first bits are the time (version 7). New rows then land at the
 * right edge of the primary-key and foreign-key indexes, on pages already in memory, instead of
 * on a random page that may have to be read from disk first.
 */
export const newId = (): string => v7();
