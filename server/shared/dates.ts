import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

/** A date as Russian users read it: ДД.ММ.ГГГГ. */
export const ruDate = (day: string | null | undefined) => (day ? format(parseISO(day), 'dd.MM.yyyy') : '—');
