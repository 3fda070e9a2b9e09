import { Role } from './role.js';
import type { Viewer } from './viewer.js';

/**
 * The organisation scope, the one place that decides whose records a viewer may see.
 * `all` for the fund and administrators; otherwise only records where the viewer's own
 * organisation is a party (its SMO for an SMO expert, its MO for an MO commission).
 */
export type OrganisationScope = { all: true } | { all: false; organisationId: string };

export function organisationScope(viewer: Viewer): OrganisationScope {
  if (viewer.readsAllOrganisations) return { all: true };
  if (!viewer.organisationId) return { all: false, organisationId: '00000000-0000-0000-0000-000000000000' };
  return { all: false, organisationId: viewer.organisationId };
}

/**
 * A MikroORM filter that keeps rows where one of the given relation fields points at the viewer's
 * organisation; an empty filter for viewers who read everything.
 */
export function scopeFilter(viewer: Viewer, ...partyFields: string[]): Record<string, unknown> {
  const scope = organisationScope(viewer);
  if (scope.all) return {};
  const conditions = partyFields.map((field) => ({ [field]: scope.organisationId }));
  return conditions.length === 1 ? conditions[0] : { $or: conditions };
}

/**
 * The same scope as SQL over the given party columns, for aggregate queries written in SQL:
 * `true` for viewers who read everything.
 */
export function scopeCondition(viewer: Viewer, ...partyColumns: string[]): { sql: string; params: string[] } {
  const scope = organisationScope(viewer);
  if (scope.all) return { sql: 'true', params: [] };
  return {
    sql: `(${partyColumns.map((column) => `${column} = ?`).join(' or ')})`,
    params: partyColumns.map(() => scope.organisationId),
  };
}

/**
 * Where a viewer's organisation stands in a refusal case: an SMO expert's as the insuring SMO,
 * an MO commission's as the referring MO. Null for viewers who read every case.
 */
export function casePartyColumn(viewer: Viewer): 'smo' | 'mo' | null {
  if (viewer.readsAllOrganisations) return null;
  return viewer.role === Role.MO_COMMISSION ? 'mo' : 'smo';
}

/**
 * What one MO says of an item addressed to several MOs is between it and the SMO: another MO
 * sees only its own answer.
 */
export function seesAnswerOfMo(viewer: Viewer, moId: string): boolean {
  return viewer.role !== Role.MO_COMMISSION || viewer.organisationId === moId;
}

/** A user's sign-in times are for the user and the administrators only. */
export function seesSignInsOf(viewer: Viewer, userId: string): boolean {
  return viewer.isAdmin || viewer.userId === userId;
}
