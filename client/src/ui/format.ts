/** Display formats in Russian conventions. Money stays a decimal string: never parsed into a float. */

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });
}

const NBSP = '\u00a0';

/** "18084.2" → "18 084,20 ₽": grouping and kopecks done on the digits themselves. */
export function formatMoney(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? '−' : ''}${grouped},${fraction.padEnd(2, '0').slice(0, 2)}${NBSP}₽`;
}

export function formatCoefficient(value: string | null | undefined): string {
  return value === null || value === undefined ? 'не задан' : value.replace('.', ',');
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${String(value).replace('.', ',')}${NBSP}%`;
}

export { plural, workingDaysLeft } from '../../../server/shared/plural';

export function personName(p: { surname: string; name: string; patronymic?: string | null }): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
}

export function todayIso(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/**
 * Rubles as people type them («12 345,67», «12345.67», «1 000») → the API's decimal string
 * ("12345.67"); null when the text is no amount of rubles and kopecks.
 */
export function decimalFromTyped(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/₽|руб\.?$/i, '');
  if (!/^\d{1,12}([.,]\d{1,2})?$/.test(compact)) return null;
  return compact.replace(',', '.');
}

export const RUBLES_EXPECTED = 'Рубли с копейками, например 12 345,67';
