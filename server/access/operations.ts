import type { Viewer } from '../modules/auth/viewer.js';
import { Role } from '../modules/auth/role.js';
import { type DomainError, forbidden, unauthenticated } from '../shared/errors.js';

/**
 * What limits the records an operation reaches: `reference` data every signed-in user reads, the
 * records of a `case` (its SMO and MO, the fund and administrators), the viewer's `own` records,
 * or none before sign-in (`public`). Services apply the record scopes of `access/scopes.ts`.
 */
export type RecordScope = 'reference' | 'case' | 'own' | 'public';

const ANYONE = 'anyone';
const SIGNED_IN = 'signed-in';

export interface OperationAccess {
  /** Who may call it: anyone, any signed-in user, or users of these roles. */
  callers: typeof ANYONE | typeof SIGNED_IN | readonly Role[];
  records: RecordScope;
}

/**
 * Every query and mutation of the API and who may call it: the one declaration the request check
 * enforces before execution, and the access-matrix test reads. An operation missing here is refused.
 */
export const OPERATION_ACCESS: Record<string, OperationAccess> = {
  calendarYears: { callers: SIGNED_IN, records: 'reference' },
  checkReferral: { callers: SIGNED_IN, records: 'reference' },
  catalogueVersions: { callers: SIGNED_IN, records: 'reference' },
  defectCodes: { callers: SIGNED_IN, records: 'reference' },
  diagnoses: { callers: SIGNED_IN, records: 'reference' },
  medicalServices: { callers: SIGNED_IN, records: 'reference' },
  uncodedExaminationTexts: { callers: [Role.ADMIN, Role.MONITORING], records: 'reference' },
  expertise: { callers: SIGNED_IN, records: 'case' },
  improvementPlan: { callers: SIGNED_IN, records: 'case' },
  me: { callers: SIGNED_IN, records: 'own' },
  myTasks: { callers: SIGNED_IN, records: 'case' },
  myTaskCount: { callers: SIGNED_IN, records: 'case' },
  organisation: { callers: SIGNED_IN, records: 'reference' },
  organisations: { callers: SIGNED_IN, records: 'reference' },
  normKinds: { callers: SIGNED_IN, records: 'reference' },
  perCapitaNorms: { callers: SIGNED_IN, records: 'reference' },
  referenceDictionaries: { callers: SIGNED_IN, records: 'reference' },
  requiredExaminations: { callers: SIGNED_IN, records: 'reference' },
  quarterlyReport: { callers: SIGNED_IN, records: 'case' },
  quarterlyReportStatuses: { callers: SIGNED_IN, records: 'case' },
  quarterlyReportSubmissions: { callers: SIGNED_IN, records: 'case' },
  refusalCase: { callers: SIGNED_IN, records: 'case' },
  refusalCases: { callers: SIGNED_IN, records: 'case' },
  refusalCasesRegister: { callers: SIGNED_IN, records: 'case' },
  reviewCoverage: { callers: SIGNED_IN, records: 'case' },
  rootCauses: { callers: SIGNED_IN, records: 'reference' },
  user: { callers: SIGNED_IN, records: 'own' },
  users: { callers: SIGNED_IN, records: 'own' },
  login: { callers: ANYONE, records: 'public' },
  logout: { callers: SIGNED_IN, records: 'own' },
  acceptQuarterlyReport: { callers: [Role.MONITORING], records: 'case' },
  returnQuarterlyReport: { callers: [Role.MONITORING], records: 'case' },
  settleAppeal: { callers: [Role.MONITORING], records: 'case' },
  addCaseComment: { callers: SIGNED_IN, records: 'case' },
  addFinding: { callers: [Role.SMO_EXPERT], records: 'case' },
  addPlanItem: { callers: [Role.SMO_EXPERT], records: 'own' },
  closeRefusalCase: { callers: [Role.SMO_EXPERT], records: 'case' },
  openExpertise: { callers: [Role.SMO_EXPERT], records: 'case' },
  openImprovementPlan: { callers: [Role.SMO_EXPERT], records: 'own' },
  recordDiscussion: { callers: [Role.SMO_EXPERT], records: 'case' },
  registerRefusalCase: { callers: [Role.SMO_EXPERT], records: 'own' },
  removeFinding: { callers: [Role.SMO_EXPERT], records: 'case' },
  signExpertise: { callers: [Role.SMO_EXPERT], records: 'case' },
  submitQuarterlyReport: { callers: [Role.SMO_EXPERT], records: 'own' },
  transitionRefusalCase: { callers: [Role.SMO_EXPERT], records: 'case' },
  updateExpertise: { callers: [Role.SMO_EXPERT], records: 'case' },
  updatePlanItem: { callers: [Role.SMO_EXPERT], records: 'own' },
  updateRefusalCase: { callers: [Role.SMO_EXPERT], records: 'case' },
  importRefusalCases: { callers: [Role.SMO_EXPERT], records: 'own' },
  confirmPlanItem: { callers: [Role.MO_COMMISSION], records: 'case' },
  recordCommissionReview: { callers: [Role.MO_COMMISSION], records: 'case' },
  recordMoPositions: { callers: [Role.MO_COMMISSION], records: 'case' },
  recordActDelivery: { callers: [Role.SMO_EXPERT], records: 'case' },
  recordActReceipt: { callers: [Role.SMO_EXPERT, Role.MO_COMMISSION], records: 'case' },
  registerAppeal: { callers: [Role.MO_COMMISSION], records: 'case' },
  updateCorrectiveAction: { callers: [Role.MO_COMMISSION], records: 'case' },
  createOrganisation: { callers: [Role.ADMIN], records: 'reference' },
  updateOrganisation: { callers: [Role.ADMIN], records: 'reference' },
  createNormKind: { callers: [Role.ADMIN], records: 'reference' },
  mapExaminationTexts: { callers: [Role.ADMIN], records: 'reference' },
  recordReferral: { callers: [Role.SMO_EXPERT, Role.MO_COMMISSION], records: 'case' },
  createPerCapitaNorm: { callers: [Role.ADMIN], records: 'reference' },
  createRootCause: { callers: [Role.ADMIN], records: 'reference' },
  setRootCauseActive: { callers: [Role.ADMIN], records: 'reference' },
  createUser: { callers: [Role.ADMIN], records: 'reference' },
  updateUser: { callers: [Role.ADMIN], records: 'reference' },
  resetUserPassword: { callers: [Role.ADMIN], records: 'reference' },
  updateMySettings: { callers: SIGNED_IN, records: 'own' },
  importCatalogue: { callers: [Role.ADMIN], records: 'reference' },
  importProductionCalendar: { callers: [Role.ADMIN], records: 'reference' },
  productionCalendarPreview: { callers: [Role.ADMIN], records: 'reference' },
};

/** Operations anyone may call; every other one needs a signed-in user. */
export const PUBLIC_OPERATIONS = new Set(Object.keys(OPERATION_ACCESS).filter((name) => OPERATION_ACCESS[name].callers === ANYONE));

/** Whether a viewer (or nobody) may call an operation; `__typename` and introspection go with a sign-in. */
export function operationRefusal(viewer: Viewer | null, operation: string): DomainError | null {
  const access = OPERATION_ACCESS[operation];
  if (access?.callers === ANYONE || (operation === '__typename' && !viewer)) return null;
  if (!viewer) return unauthenticated();
  if (operation.startsWith('__')) return null;
  if (!access) return forbidden();
  return access.callers === SIGNED_IN || viewer.hasRole(...access.callers) ? null : forbidden();
}
