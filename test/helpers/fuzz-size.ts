/**
 * How many runs a property test makes: its full count in CI (CI=true), a quarter of it locally,
 * or RAZBOR_FUZZ_SCALE times it when that is set (RAZBOR_FUZZ_SCALE=1 runs the full size locally).
 */
export function fuzzRuns(full: number): number {
  const scale = Number(process.env.RAZBOR_FUZZ_SCALE ?? (process.env.CI ? 1 : 0.25));
  return Math.max(10, Math.round(full * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
