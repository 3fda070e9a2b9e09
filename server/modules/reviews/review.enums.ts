import { registerEnumType } from 'type-graphql';

export enum MemberRole {
  CHAIR = 'CHAIR',
  MEMBER = 'MEMBER',
  SECRETARY = 'SECRETARY',
}

export enum ActionType {
  CORRECTIVE = 'CORRECTIVE',
  PREVENTIVE = 'PREVENTIVE',
}

export enum ActionStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export const ACTION_STATUS_LABEL: Record<ActionStatus, string> = {
  PLANNED: 'запланировано',
  IN_PROGRESS: 'выполняется',
  DONE: 'выполнено',
  CANCELLED: 'отменено',
};

export const isActionOpen = (status: ActionStatus) => status === ActionStatus.PLANNED || status === ActionStatus.IN_PROGRESS;

registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'Роль в комиссии',
  valuesConfig: { CHAIR: { description: 'председатель' }, MEMBER: { description: 'член комиссии' }, SECRETARY: { description: 'секретарь' } },
});
registerEnumType(ActionType, {
  name: 'ActionType',
  description: 'Вид мероприятия',
  valuesConfig: { CORRECTIVE: { description: 'корректирующее' }, PREVENTIVE: { description: 'предупреждающее' } },
});
registerEnumType(ActionStatus, {
  name: 'ActionStatus',
  description: 'Состояние мероприятия',
  valuesConfig: Object.fromEntries(Object.entries(ACTION_STATUS_LABEL).map(([k, v]) => [k, { description: v }])),
});
