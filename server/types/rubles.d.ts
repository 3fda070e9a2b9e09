/** `rubles` 3.x ships no types: the amount in Russian words, or null for zero. */
declare module 'rubles' {
  export function rubles(value: number | string): string | null;
}
