import { registerLabelledEnum } from '../../graphql/enums.js';

export enum CaseState {
  REGISTERED = 'REGISTERED',
  UNDER_EXPERTISE = 'UNDER_EXPERTISE',
  AWAITING_MO_REVIEW = 'AWAITING_MO_REVIEW',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}

export const CASE_STATE_LABEL: Record<CaseState, string> = {
  REGISTERED: 'зарегистрирован',
  UNDER_EXPERTISE: 'на экспертизе',
  AWAITING_MO_REVIEW: 'ожидает разбора в МО',
  CLOSED: 'закрыт',
  REOPENED: 'открыт повторно',
};

registerLabelledEnum(CaseState, 'CaseState', 'Состояние случая отказа', CASE_STATE_LABEL);
