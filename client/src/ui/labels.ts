import type {
  ActDeliveryMethod,
  ActionStatus,
  ActionType,
  AppealOutcome,
  BureauAnswerKind,
  ExaminationKind,
  ExaminationOutcome,
  ReferralPurpose,
  CaseState,
  CaseTransition,
  ExpertiseKind,
  ExpertiseType,
  MemberRole,
  MoPosition,
  ParticipantSide,
  PlanItemStatus,
  PositionSource,
  Role,
  Sex,
  SubmissionStatus,
} from '../../generated/graphql';
import { ENUM_LABELS } from '../app/enum-labels.generated';

/**
 * Russian labels of the API's enums. The words come from the schema's descriptions (generated);
 * here they only get an order for lists and a capital letter where they start a line. Typing each
 * as `Record<Enum, string>` makes a new enum value a type error until the schema describes it.
 */

const capitalised = <K extends string>(labels: Record<K, string>): Record<K, string> =>
  Object.fromEntries(Object.entries<string>(labels).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)])) as Record<K, string>;

/** The same labels, listed in the order users expect rather than alphabetically. */
const ordered = <K extends string>(labels: Record<K, string>, order: readonly K[]): Record<K, string> =>
  Object.fromEntries(order.map((k) => [k, labels[k]])) as Record<K, string>;

export const ROLE: Record<Role, string> = ENUM_LABELS.Role;
export const CASE_STATE: Record<CaseState, string> = ordered(capitalised(ENUM_LABELS.CaseState), [
  'REGISTERED',
  'UNDER_EXPERTISE',
  'AWAITING_MO_REVIEW',
  'CLOSED',
  'REOPENED',
]);
export const CASE_TRANSITION: Record<CaseTransition, string> = capitalised(ENUM_LABELS.CaseTransition);
export const SEX: Record<Sex, string> = ENUM_LABELS.Sex;
export const EXPERTISE_TYPE: Record<ExpertiseType, string> = ENUM_LABELS.ExpertiseType;
export const EXPERTISE_KIND: Record<ExpertiseKind, string> = ordered(ENUM_LABELS.ExpertiseKind, ['TARGETED', 'PLANNED', 'THEMATIC', 'COMPLAINT']);
export const PARTICIPANT_SIDE: Record<ParticipantSide, string> = ordered(ENUM_LABELS.ParticipantSide, ['SMO', 'MO']);
export const MO_POSITION: Record<MoPosition, string> = ENUM_LABELS.MoPosition;
export const POSITION_SOURCE: Record<PositionSource, string> = ENUM_LABELS.PositionSource;
export const MEMBER_ROLE: Record<MemberRole, string> = ENUM_LABELS.MemberRole;
export const ACTION_STATUS: Record<ActionStatus, string> = ordered(ENUM_LABELS.ActionStatus, ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED']);
export const ACTION_TYPE: Record<ActionType, string> = ENUM_LABELS.ActionType;
export const SUBMISSION_STATUS: Record<SubmissionStatus, string> = ENUM_LABELS.SubmissionStatus;
export const ACT_DELIVERY_METHOD: Record<ActDeliveryMethod, string> = ordered(ENUM_LABELS.ActDeliveryMethod, ['HAND', 'MAIL', 'EDO']);
export const APPEAL_OUTCOME: Record<AppealOutcome, string> = ordered(ENUM_LABELS.AppealOutcome, ['UPHELD', 'PARTLY', 'OVERTURNED']);
export const PLAN_ITEM_STATUS: Record<PlanItemStatus, string> = ordered(ENUM_LABELS.PlanItemStatus, ['PLANNED', 'IN_PROGRESS', 'DONE', 'NOT_DONE']);

export const REFERRAL_PURPOSE: Record<ReferralPurpose, string> = capitalised(ENUM_LABELS.ReferralPurpose);
export const EXAMINATION_KIND: Record<ExaminationKind, string> = capitalised(ENUM_LABELS.ExaminationKind);
export const BUREAU_ANSWER_KIND: Record<BureauAnswerKind, string> = capitalised(ENUM_LABELS.BureauAnswerKind);
export const EXAMINATION_OUTCOME: Record<ExaminationOutcome, string> = capitalised(ENUM_LABELS.ExaminationOutcome);

export function options<K extends string>(labels: Record<K, string>): Array<{ value: K; label: string }> {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
