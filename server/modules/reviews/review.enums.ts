import { registerLabelledEnum } from '../../graphql/enums.js';

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

registerLabelledEnum(MemberRole, 'MemberRole', 'Роль в комиссии', { CHAIR: 'председатель', MEMBER: 'член комиссии', SECRETARY: 'секретарь' });
registerLabelledEnum(ActionType, 'ActionType', 'Вид мероприятия', { CORRECTIVE: 'корректирующее', PREVENTIVE: 'предупреждающее' });
registerLabelledEnum(ActionStatus, 'ActionStatus', 'Состояние мероприятия', ACTION_STATUS_LABEL);
