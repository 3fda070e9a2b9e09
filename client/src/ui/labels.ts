import type {
  ActionStatus,
  ActionType,
  AppealOutcome,
  CareKind,
  CaseState,
  CaseTransition,
  ExpertiseKind,
  ExpertiseType,
  MemberRole,
  MoPosition,
  PlanItemStatus,
  ParticipantSide,
  Role,
  Sex,
  SubmissionStatus,
} from '../../generated/graphql';

/** Russian labels of the API's enums; `Record` makes a new enum value a type error until it has one. */

export const ROLE: Record<Role, string> = {
  ADMIN: 'Администратор',
  MONITORING: 'Отдел мониторинга качества ТФОМС',
  MO_COMMISSION: 'Комиссия МО',
  SMO_EXPERT: 'Эксперт СМО',
};

export const CASE_STATE: Record<CaseState, string> = {
  REGISTERED: 'Зарегистрирован',
  UNDER_EXPERTISE: 'На экспертизе',
  AWAITING_MO_REVIEW: 'Ожидает разбора в МО',
  CLOSED: 'Закрыт',
  REOPENED: 'Открыт повторно',
};

export const CASE_TRANSITION: Record<CaseTransition, string> = {
  START_EXPERTISE: 'Начать экспертизу',
  SEND_TO_MO_REVIEW: 'Передать на разбор в МО',
  CLOSE: 'Закрыть случай',
  REOPEN: 'Открыть повторно',
};

export const SEX: Record<Sex, string> = { FEMALE: 'женский', MALE: 'мужской' };

export const EXPERTISE_TYPE: Record<ExpertiseType, string> = { EKMP: 'ЭКМП', MEE: 'МЭЭ' };

export const EXPERTISE_KIND: Record<ExpertiseKind, string> = {
  TARGETED: 'целевая',
  PLANNED: 'плановая',
  THEMATIC: 'тематическая',
  COMPLAINT: 'по жалобе',
};

export const CARE_KIND: Record<CareKind, string> = {
  INPATIENT: 'стационар',
  OUTPATIENT: 'амбулаторно',
  DAY_HOSPITAL: 'дневной стационар',
  EMERGENCY: 'скорая помощь',
};

export const PARTICIPANT_SIDE: Record<ParticipantSide, string> = { SMO: 'СМО', MO: 'МО' };

export const MO_POSITION: Record<MoPosition, string> = { AGREES: 'согласна', DISAGREES: 'не согласна' };

export const MEMBER_ROLE: Record<MemberRole, string> = { CHAIR: 'председатель', MEMBER: 'член комиссии', SECRETARY: 'секретарь' };

export const ACTION_STATUS: Record<ActionStatus, string> = {
  PLANNED: 'запланировано',
  IN_PROGRESS: 'выполняется',
  DONE: 'выполнено',
  CANCELLED: 'отменено',
};

export const ACTION_TYPE: Record<ActionType, string> = { CORRECTIVE: 'корректирующее', PREVENTIVE: 'предупреждающее' };

export const SUBMISSION_STATUS: Record<SubmissionStatus, string> = {
  SUBMITTED: 'сдан',
  ACCEPTED: 'принят',
  RETURNED: 'возвращён на доработку',
};

export const APPEAL_OUTCOME: Record<AppealOutcome, string> = {
  UPHELD: 'заключение оставлено в силе',
  PARTLY: 'заключение изменено частично',
  OVERTURNED: 'заключение отменено',
};

export function options<K extends string>(labels: Record<K, string>): Array<{ value: K; label: string }> {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export const PLAN_ITEM_STATUS: Record<PlanItemStatus, string> = {
  PLANNED: 'запланировано',
  IN_PROGRESS: 'выполняется',
  DONE: 'выполнено',
  NOT_DONE: 'не выполнено',
};
