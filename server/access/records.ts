import { Role } from '../modules/auth/role.js';
import type { Viewer } from '../modules/auth/viewer.js';
import { CaseState } from '../modules/cases/case-state.js';
import type { RefusalCase } from '../modules/cases/refusal-case.entity.js';
import type { Expertise } from '../modules/expertise/expertise.entity.js';
import { AttachmentOwner } from '../modules/attachments/attachment.entity.js';
import { isSigned } from '../modules/expertise/expertise-lifecycle.js';
import type { PlanItem } from '../modules/plans/plan.entity.js';

/*
 * Whose records a viewer reaches, in one place: the organisation scope and, for each kind of
 * record, its filter (MikroORM), its SQL form for aggregates, and who may write it. Services,
 * resolvers, capability fields and REST routes ask here.
 */

/**
 * The organisation scope, the one place that decides whose records a viewer may see.
 * `all` for the fund and administrators; otherwise only records where the viewer's own
 * organisation is a party (its SMO for an SMO expert, its MO for an MO commission).
 */
export type OrganisationScope = { all: true } | { all: false; organisationId: string | null };

/** A user of neither the fund nor an organisation (none exists today) sees no organisation's records. */
export function organisationScope(viewer: Viewer): OrganisationScope {
  if (viewer.readsAllOrganisations) return { all: true };
  return { all: false, organisationId: viewer.organisationId };
}

/** Matches no row: MikroORM writes an empty `$in` as a false condition. */
const NOTHING = { id: { $in: [] } };

/**
 * A MikroORM filter that keeps rows where one of the given relation fields points at the viewer's
 * organisation; an empty filter for viewers who read everything.
 */
export function scopeFilter(viewer: Viewer, ...partyFields: string[]): Record<string, unknown> {
  const scope = organisationScope(viewer);
  if (scope.all) return {};
  if (!scope.organisationId) return NOTHING;
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
  if (!scope.organisationId) return { sql: 'false', params: [] };
  return {
    sql: `(${partyColumns.map((column) => `${column} = ?`).join(' or ')})`,
    params: partyColumns.map(() => scope.organisationId!),
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

/** A user's account details (sign-in times, mail address) are for the user and the administrators only. */
export function seesAccountOf(viewer: Viewer, userId: string): boolean {
  return viewer.isAdmin || viewer.userId === userId;
}

/**
 * The cases a viewer may see: an SMO expert its SMO's, an MO commission its MO's; the fund and
 * administrators all. One column per role keeps the (party, date) indexes usable.
 */
export function caseScope(viewer: Viewer): Record<string, unknown> {
  const column = casePartyColumn(viewer);
  return column ? scopeFilter(viewer, column) : {};
}

/** The same scope as SQL over a refusal-case alias, for aggregates written in SQL. */
export function caseScopeSql(viewer: Viewer, alias = 'c'): { sql: string; params: string[] } {
  return scopeCondition(viewer, `${alias}.${casePartyColumn(viewer) ?? 'smo'}_id`);
}

/** Only SMO experts of the case's own SMO change a case. */
export function canEditCase(viewer: Viewer, refusalCase: RefusalCase): boolean {
  return viewer.role === Role.SMO_EXPERT && refusalCase.smo.id === viewer.organisationId;
}

/** MO commission users of the case's MO record the MO's side (review, actions, positions, appeal). */
export const isCaseMo = (viewer: Viewer, refusalCase: RefusalCase) => viewer.role === Role.MO_COMMISSION && refusalCase.mo.id === viewer.organisationId;

/** The case's MO records its commission review (and its actions) while the case is open. */
export const mayRecordReview = (viewer: Viewer, refusalCase: RefusalCase) => isCaseMo(viewer, refusalCase) && refusalCase.state !== CaseState.CLOSED;

/** Records that belong to a case (expertises, corrective actions) are visible to whoever sees the case. */
export const caseRecordScope = (viewer: Viewer) => ({ refusalCase: caseScope(viewer) });

/** Only SMO experts of the SMO that holds the expertise write it. */
export const canWriteExpertise = (viewer: Viewer, expertise: Expertise) => viewer.role === Role.SMO_EXPERT && expertise.smo.id === viewer.organisationId;

/** The fund's monitoring department decides appeals. */
export const mayDecideAppeals = (viewer: Viewer) => viewer.hasRole(Role.MONITORING);

/** Who attaches files: the case's MO to anything of the case, its SMO to the case itself. */
export function mayAttach(viewer: Viewer, ownerType: AttachmentOwner, refusalCase: RefusalCase): boolean {
  if (isCaseMo(viewer, refusalCase)) return true;
  return ownerType === AttachmentOwner.CASE && viewer.role === Role.SMO_EXPERT && refusalCase.smo.id === viewer.organisationId;
}

/** An SMO's experts keep its improvement plan. */
export const mayKeepPlanOf = (viewer: Viewer, smoId: string) => viewer.role === Role.SMO_EXPERT && smoId === viewer.organisationId;

/** Whether an MO is among the addressees of a plan item (an item for all MOs addresses every MO). */
export const isAddressedTo = (item: PlanItem, moId: string | null) => item.targetMoIds.length === 0 || (moId !== null && item.targetMoIds.includes(moId));

/** An MO's commission answers for the plan items addressed to its MO. */
export const mayConfirm = (viewer: Viewer, item: PlanItem) => viewer.role === Role.MO_COMMISSION && isAddressedTo(item, viewer.organisationId);

/** The fund's monitoring department decides on submitted reports. */
export const mayDecideReports = (viewer: Viewer) => viewer.hasRole(Role.MONITORING);

/** The SMO that holds the expertise sends its act. */
export const mayRecordActDelivery = (viewer: Viewer, expertise: Expertise) => canWriteExpertise(viewer, expertise) && isSigned(expertise.status);

/** The MO records its receipt; the SMO may record it from the MO's mark on its copy. */
export const mayRecordActReceipt = (viewer: Viewer, expertise: Expertise, refusalCase: RefusalCase) =>
  isSigned(expertise.status) && (isCaseMo(viewer, refusalCase) || canWriteExpertise(viewer, expertise));
