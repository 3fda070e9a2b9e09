import { registerEnumType } from 'type-graphql';

export enum CaseState {
  REGISTERED = 'REGISTERED',
  UNDER_EXPERTISE = 'UNDER_EXPERTISE',
  AWAITING_MO_REVIEW = 'AWAITING_MO_REVIEW',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}

registerEnumType(CaseState, {
  name: 'CaseState',
  description: 'Состояние случая отказа',
  valuesConfig: {
    REGISTERED: { description: 'зарегистрирован' },
    UNDER_EXPERTISE: { description: 'на экспертизе' },
    AWAITING_MO_REVIEW: { description: 'ожидает разбора в МО' },
    CLOSED: { description: 'закрыт' },
    REOPENED: { description: 'открыт повторно' },
  },
});

export const CASE_STATE_LABEL: Record<CaseState, string> = {
  REGISTERED: 'зарегистрирован',
  UNDER_EXPERTISE: 'на экспертизе',
  AWAITING_MO_REVIEW: 'ожидает разбора в МО',
  CLOSED: 'закрыт',
  REOPENED: 'открыт повторно',
};
