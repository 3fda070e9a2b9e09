import { AppSetting } from '../modules/system/app-setting.entity.js';
import { LoginFailure, LoginKnownAddress, RevokedToken, User } from '../modules/auth/user.entity.js';
import { CatalogueVersion } from '../modules/catalogue/catalogue-version.entity.js';
import { DefectCode } from '../modules/catalogue/defect-code.entity.js';
import { CaseHistoryEntry } from '../modules/cases/case-history.entity.js';
import { CaseNumberCounter } from '../modules/cases/case-number.js';
import { RefusalCase } from '../modules/cases/refusal-case.entity.js';
import { InsuredPerson } from '../modules/persons/insured-person.entity.js';
import { CalendarException, CalendarYear } from '../modules/calendar/calendar.entity.js';
import { Appeal, Discussion, Expertise, ExpertiseNumberCounter, Finding } from '../modules/expertise/expertise.entity.js';
import { PerCapitaNorm } from '../modules/norms/per-capita-norm.entity.js';
import { Attachment } from '../modules/attachments/attachment.entity.js';
import { CaseComment } from '../modules/comments/comment.entity.js';
import { CommissionReview, CorrectiveAction, RootCause } from '../modules/reviews/review.entity.js';
import { ImprovementPlan, PlanItem, PlanItemConfirmation } from '../modules/plans/plan.entity.js';
import { ReportSubmission } from '../modules/reports/submission.entity.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';

export const ENTITIES = [
  AppSetting,
  LoginFailure,
  LoginKnownAddress,
  Organisation,
  User,
  RevokedToken,
  CatalogueVersion,
  DefectCode,
  InsuredPerson,
  RefusalCase,
  CaseHistoryEntry,
  CaseNumberCounter,
  CalendarYear,
  CalendarException,
  PerCapitaNorm,
  Expertise,
  Finding,
  Discussion,
  Appeal,
  ExpertiseNumberCounter,
  RootCause,
  CommissionReview,
  CorrectiveAction,
  Attachment,
  CaseComment,
  ImprovementPlan,
  PlanItem,
  PlanItemConfirmation,
  ReportSubmission,
];
