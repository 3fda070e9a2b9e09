import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusinessRules } from '../../config.js';
import { today } from '../../shared/clock.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { CalendarMissingError } from '../calendar/working-calendar.js';

/** The MO's commission review is due this many working days after the case is registered today. */
export async function reviewDueOnForNewCase(em: EntityManager, rules: BusinessRules): Promise<string | null> {
  try {
    return (await loadWorkingCalendar(em)).addWorkingDays(today(), rules.reviewDueWorkingDays);
  } catch (error) {
    if (error instanceof CalendarMissingError) return null;
    throw error;
  }
}
