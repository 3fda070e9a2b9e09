import { raw, sql, type Sql } from '../../db/sql.js';
import { UserErrorCode } from '../../shared/errors.js';
import { ruDate } from '../../shared/dates.js';
import { defineLifecycle } from '../../shared/lifecycle.js';
import { ACTION_STATUS_LABEL, ActionStatus } from './review.enums.js';

export enum ActionTransition {
  START = 'START',
  COMPLETE = 'COMPLETE',
  CANCEL = 'CANCEL',
}

export interface ActionMove {
  evidence: string | null;
  cancelReason: string | null;
}

export const OPEN_ACTION_STATUSES = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS];

/** An action still to be done: planned or in progress. */
export const isActionOpen = (status: ActionStatus) => OPEN_ACTION_STATUSES.includes(status);
export const actionOpenSql = (alias: string) => `${alias}.status in ('PLANNED', 'IN_PROGRESS')`;

/** Past its due date and neither done nor cancelled, on the day given. */
export const isActionOverdue = (action: { status: ActionStatus; dueDate: string }, today: string) => isActionOpen(action.status) && action.dueDate < today;
export const actionOverdueSql = (alias: string, today: string): Sql => sql`${raw(actionOpenSql(alias))} and ${raw(alias)}.due_date < ${today}`;

/**
 * An action is planned at the commission's sitting, so it falls due on the protocol's day or later:
 * an earlier date would make it overdue the moment it is recorded. The message, or null.
 */
export const dueBeforeProtocol = (dueDate: string, protocolDate: string): string | null =>
  dueDate < protocolDate ? `Срок мероприятия раньше даты протокола (${ruDate(protocolDate)}): укажите срок не раньше неё` : null;

/** The lifecycle of a corrective action: planned → in progress → done, or cancelled with a reason. */
export const ACTION_LIFECYCLE = defineLifecycle<ActionStatus, ActionTransition, ActionMove>({
  record: 'мероприятие',
  stateLabel: ACTION_STATUS_LABEL,
  refusalCode: UserErrorCode.INVALID_TRANSITION,
  transitions: {
    START: { label: 'начать', from: [ActionStatus.PLANNED], to: ActionStatus.IN_PROGRESS },
    COMPLETE: {
      label: 'отметить выполнение',
      from: OPEN_ACTION_STATUSES,
      to: ActionStatus.DONE,
      veto: ({ evidence }) => (evidence ? [] : [{ field: 'evidence', code: UserErrorCode.REQUIRED, message: 'Опишите подтверждение выполнения' }]),
    },
    CANCEL: {
      label: 'отменить',
      from: OPEN_ACTION_STATUSES,
      to: ActionStatus.CANCELLED,
      veto: ({ cancelReason }) => (cancelReason ? [] : [{ field: 'cancelReason', code: UserErrorCode.REQUIRED, message: 'Укажите причину отмены' }]),
    },
  },
});
