import type { EntityManager } from '@mikro-orm/postgresql';

/** What one module says still stands between a case and its closing: every reason, or none. */
export type ClosingCheck = (em: EntityManager, caseId: string) => Promise<string[]>;

const checks: ClosingCheck[] = [];

/**
 * The modules that hold a case's open work (the review, expertises, corrective actions) each
 * answer for it; the composition root hands their checks over at start, in the order the user
 * reads the reasons. Cases depend on none of them.
 */
export function useClosingChecks(list: ClosingCheck[]): void {
  checks.splice(0, checks.length, ...list);
}

/** Every reason the case may not close yet; empty when it may. */
export async function whatPreventsClosing(em: EntityManager, caseId: string): Promise<string[]> {
  // Unwired, every case would close: refuse instead.
  if (checks.length === 0) throw new Error('The closing checks were not handed to the cases module (app/modules.ts)');
  const reasons: string[] = [];
  for (const check of checks) reasons.push(...(await check(em, caseId)));
  return reasons;
}
