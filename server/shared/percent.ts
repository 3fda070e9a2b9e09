/** part / whole as a percentage with one decimal; null when there is no whole. */
export const percent = (part: number, whole: number): number | null => (whole ? Math.round((1000 * part) / whole) / 10 : null);
