/**
 * How big the heavy tests are: full size in CI (CI=true), a quarter of it locally, or
 * RAZBOR_TEST_SCALE times it when that is set (RAZBOR_TEST_SCALE=1 runs the full size locally).
 */
function scale(): number {
  const value = Number(process.env.RAZBOR_TEST_SCALE ?? (process.env.CI ? 1 : 0.25));
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/** A count at the test scale, never below `least`. */
export const atScale = (full: number, least: number): number => Math.max(least, Math.round(full * scale()));

/** How many runs a property test makes. */
export const fuzzRuns = (full: number): number => atScale(full, 10);
