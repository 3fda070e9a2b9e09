export type Role = 'SMO_EXPERT' | 'MO_COMMISSION' | 'MONITORING' | 'ADMIN';
export const ALL: Role[] = ['SMO_EXPERT', 'MO_COMMISSION', 'MONITORING', 'ADMIN'];

/**
 * Every query and mutation, with the roles that pass its role check (the others get FORBIDDEN)
 * and what limits the records it reaches: `reference` data every signed-in user reads, records of
 * a `case` (visible to the case's SMO and MO, the fund and administrators), the viewer's `own`
 * records, or `public` (no sign-in). An operation missing here fails the test.
 */
export const ACCESS: Record<string, { roles: Role[]; records: 'reference' | 'case' | 'own' | 'public' }> = {
  // queries
  calendarYears: { roles: ALL, records: 'reference' },
  catalogueVersions: { roles: ALL, records: 'reference' },
  defectCodes: { roles: ALL, records: 'reference' },
  expertise: { roles: ALL, records: 'case' },
  improvementPlan: { roles: ALL, records: 'case' },
  me: { roles: ALL, records: 'own' },
  myTasks: { roles: ALL, records: 'case' },
  organisation: { roles: ALL, records: 'reference' },
  organisations: { roles: ALL, records: 'reference' },
  perCapitaNorms: { roles: ALL, records: 'reference' },
  quarterlyReport: { roles: ALL, records: 'case' },
  quarterlyReportStatuses: { roles: ALL, records: 'case' },
  quarterlyReportSubmissions: { roles: ALL, records: 'case' },
  refusalCase: { roles: ALL, records: 'case' },
  refusalCases: { roles: ALL, records: 'case' },
  reviewCoverage: { roles: ALL, records: 'case' },
  rootCauses: { roles: ALL, records: 'reference' },
  user: { roles: ALL, records: 'own' },
  users: { roles: ALL, records: 'own' },
  // mutations
  login: { roles: ALL, records: 'public' },
  logout: { roles: ALL, records: 'own' },
  acceptQuarterlyReport: { roles: ['MONITORING'], records: 'case' },
  returnQuarterlyReport: { roles: ['MONITORING'], records: 'case' },
  settleAppeal: { roles: ['MONITORING'], records: 'case' },
  addCaseComment: { roles: ALL, records: 'case' },
  addFinding: { roles: ['SMO_EXPERT'], records: 'case' },
  addPlanItem: { roles: ['SMO_EXPERT'], records: 'own' },
  closeRefusalCase: { roles: ['SMO_EXPERT'], records: 'case' },
  openExpertise: { roles: ['SMO_EXPERT'], records: 'case' },
  openImprovementPlan: { roles: ['SMO_EXPERT'], records: 'own' },
  recordDiscussion: { roles: ['SMO_EXPERT'], records: 'case' },
  registerRefusalCase: { roles: ['SMO_EXPERT'], records: 'own' },
  removeFinding: { roles: ['SMO_EXPERT'], records: 'case' },
  signExpertise: { roles: ['SMO_EXPERT'], records: 'case' },
  submitQuarterlyReport: { roles: ['SMO_EXPERT'], records: 'own' },
  transitionRefusalCase: { roles: ['SMO_EXPERT'], records: 'case' },
  updateExpertise: { roles: ['SMO_EXPERT'], records: 'case' },
  updatePlanItem: { roles: ['SMO_EXPERT'], records: 'own' },
  updateRefusalCase: { roles: ['SMO_EXPERT'], records: 'case' },
  importRefusalCases: { roles: ['SMO_EXPERT'], records: 'own' },
  confirmPlanItem: { roles: ['MO_COMMISSION'], records: 'case' },
  recordCommissionReview: { roles: ['MO_COMMISSION'], records: 'case' },
  recordMoPositions: { roles: ['MO_COMMISSION'], records: 'case' },
  registerAppeal: { roles: ['MO_COMMISSION'], records: 'case' },
  updateCorrectiveAction: { roles: ['MO_COMMISSION'], records: 'case' },
  createOrganisation: { roles: ['ADMIN'], records: 'reference' },
  updateOrganisation: { roles: ['ADMIN'], records: 'reference' },
  createPerCapitaNorm: { roles: ['ADMIN'], records: 'reference' },
  createRootCause: { roles: ['ADMIN'], records: 'reference' },
  setRootCauseActive: { roles: ['ADMIN'], records: 'reference' },
  createUser: { roles: ['ADMIN'], records: 'reference' },
  updateUser: { roles: ['ADMIN'], records: 'reference' },
  resetUserPassword: { roles: ['ADMIN'], records: 'reference' },
  importCatalogue: { roles: ['ADMIN'], records: 'reference' },
  importProductionCalendar: { roles: ['ADMIN'], records: 'reference' },
};

