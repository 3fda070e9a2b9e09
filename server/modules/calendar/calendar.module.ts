import type { RazborModule } from '../../app/module.js';
import { CalendarException, CalendarYear } from './calendar.entity.js';
import { CalendarResolver } from './calendar.resolver.js';

export const calendarModule: RazborModule = {
  name: 'calendar',
  entities: [CalendarYear, CalendarException],
  resolvers: [CalendarResolver],
};
