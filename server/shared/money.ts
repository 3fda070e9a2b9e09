import { Decimal } from 'decimal.js';

/** Roubles with kopecks, rounded half away from zero (ROUND_HALF_UP in decimal.js is away from zero). */
export function roundKopecks(value: Decimal.Value): string {
  return new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** base × coefficient rounded to kopecks; null when the coefficient is not set (no amount of that kind). */
export function sanction(base: string, coefficient: string | null): string | null {
  return coefficient === null ? null : roundKopecks(new Decimal(base).times(coefficient));
}

/** Sum of amounts already rounded per line; lines without an amount add nothing. */
export function sumAmounts(amounts: Array<string | null>): string {
  return amounts.reduce((sum, amount) => (amount === null ? sum : sum.plus(amount)), new Decimal(0)).toFixed(2);
}

export const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
