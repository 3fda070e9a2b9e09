import type { EntityManager } from '@mikro-orm/postgresql';

/** What one module says still stands between each of these cases and its closing: a case's every reason, or none. */
export type ClosingCheck = (em: EntityManager, caseIds: readonly string[]) => Promise<Map<string, string[]>>;

const checks: ClosingCheck[] = [];

/**
 * The modules that hold a case's open work (the review, expertises, corrective actions) each
 * answer for it; the composition root hands their checks over at start, in the order the user
 * reads the reasons. Cases depend on none of them.
 */
export function useClosingChecks(list: ClosingCheck[]): void {
  checks.splice(0, checks.length, ...list);
}

/** Groups reasons by the case they stand in (for a check: rows in, the map it answers out). */
export function reasonsByCase<T>(caseIds: readonly string[], rows: T[], caseOf: (row: T) => string, reason: (row: T) => string): Map<string, string[]> {
  const reasons = new Map<string, string[]>(caseIds.map((id) => [id, []]));
  for (const row of rows) reasons.get(caseOf(row))?.push(reason(row));
  return reasons;
}

/** Every reason each case may not close yet (empty when it may), one statement per check for all of them. */
export async function whatPreventsClosingMany(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  // Unwired, every case would close: refuse instead.
  if (checks.length === 0) throw new Error('The closing checks were not handed to the cases module (app/modules.ts)');
  const reasons = new Map<string, string[]>(caseIds.map((id) => [id, []]));
  for (const check of checks) {
    for (const [caseId, found] of await check(em, caseIds)) reasons.get(caseId)?.push(...found);
  }
  return reasons;
}

/** Every reason the case may not close yet; empty when it may. */
export async function whatPreventsClosing(em: EntityManager, caseId: string): Promise<string[]> {
  return (await whatPreventsClosingMany(em, [caseId])).get(caseId) ?? [];
}
