/** Checks of the identifiers users type (DOMAIN.md, "Identifiers users type"). */

const digitsOf = (value: string) => [...value].map(Number);

/** ОГРН: 13 digits; the 13th is (first 12 as a number mod 11) mod 10. */
export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const check = Number(BigInt(value.slice(0, 12)) % 11n) % 10;
  return check === Number(value[12]);
}

export function ogrnCheckDigit(first12: string): number {
  return Number(BigInt(first12) % 11n) % 10;
}

/** ОГРНИП of an individual entrepreneur (an MO can be one): 15 digits; the 15th is the last digit of (first 14 mod 13). */
export function isValidOgrnip(value: string): boolean {
  if (!/^\d{15}$/.test(value)) return false;
  return Number(BigInt(value.slice(0, 14)) % 13n) % 10 === Number(value[14]);
}

/** An organisation's state registration number: ОГРН, or ОГРНИП where the organisation is an entrepreneur. */
export const isValidRegistrationNumber = (value: string): boolean => (value.length === 15 ? isValidOgrnip(value) : isValidOgrn(value));

/** СНИЛС as users write it, `XXX-XXX-XXX YY`, or 11 bare digits. */
export function normaliseSnils(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** Numbers up to 001-001-998 were issued before the checksum existed and are not checked. */
const SNILS_UNCHECKED_UP_TO = 1001998;

export function snilsCheckNumber(first9: string): number {
  const sum = digitsOf(first9).reduce((acc, d, i) => acc + d * (9 - i), 0);
  const reduce = (s: number): number => (s < 100 ? s : s === 100 || s === 101 ? 0 : reduce(s % 101));
  return reduce(sum);
}

export function isValidSnils(value: string): boolean {
  const digits = normaliseSnils(value);
  if (!/^\d{11}$/.test(digits)) return false;
  if (Number(digits.slice(0, 9)) <= SNILS_UNCHECKED_UP_TO) return true;
  return snilsCheckNumber(digits.slice(0, 9)) === Number(digits.slice(9));
}

/** ЕНП check digit as SMO software computes it (DOMAIN.md). */
export function enpCheckDigit(first15: string): number {
  const d = digitsOf(first15);
  const oddFromRight = [14, 12, 10, 8, 6, 4, 2, 0].map((i) => d[i]).join('');
  const evenFromRight = [13, 11, 9, 7, 5, 3, 1].map((i) => d[i]).join('');
  const combined = evenFromRight + String(Number(oddFromRight) * 2);
  const sum = digitsOf(combined).reduce((a, b) => a + b, 0);
  return (10 - (sum % 10)) % 10;
}

export function isValidEnp(value: string): boolean {
  return /^\d{16}$/.test(value) && enpCheckDigit(value.slice(0, 15)) === Number(value[15]);
}

/** МКБ-10: a Latin capital letter, two digits, optionally a dot and one or two digits. */
export const ICD10_PATTERN = /^[A-Z]\d{2}(\.\d{1,2})?$/;

export function isValidIcd10(value: string): boolean {
  return ICD10_PATTERN.test(value);
}

/** The shape of a code of the nomenclature of medical services (НМУ): A05.10.006, B01.023.001, A09.05.023.001. */
export const NMU_CODE = /^[AB]\d{2}\.\d{2,3}\.\d{3}(\.\d{3})?$/;

/** An НМУ code as the register writes it: typed on a Russian keyboard, А and В are the Latin letters. */
export const latinNmuCode = (code: string) => code.trim().toUpperCase().replace(/А/g, 'A').replace(/В/g, 'B');

const LEADING_NMU_CODE = /^([AaBbАаВв]\d{2}\.\d{2,3}\.\d{3}(?:\.\d{3})?)(?![\d.])\s*(.*)$/s;

/** «A05.10.006 ЭКГ» → the code (in Latin letters) and the words after it; null when the text does not start with a code. */
export function leadingNmuCode(text: string): { code: string; rest: string } | null {
  const match = LEADING_NMU_CODE.exec(text.trim());
  return match ? { code: latinNmuCode(match[1]), rest: match[2] } : null;
}
