import { UserErrorCode } from '../../shared/errors.js';
import { defineLifecycle } from '../../shared/lifecycle.js';
import { PLAN_ITEM_STATUS_LABEL, PlanItemStatus } from './plan.entity.js';

export enum PlanItemTransition {
  START = 'START',
  COMPLETE = 'COMPLETE',
  MARK_NOT_DONE = 'MARK_NOT_DONE',
  RESUME = 'RESUME',
}

export interface PlanItemMove {
  /** The item's outcome as it will be after the edit. */
  outcome: string | null;
}

const NOT_DONE_NEEDS_OUTCOME = { field: 'outcome', code: UserErrorCode.REQUIRED, message: 'Укажите, почему пункт не выполнен' };

/** A plan item not done needs its reason, whether it just became so or its outcome is being cleared. */
export const planItemVetoes = ({ outcome }: PlanItemMove, status: PlanItemStatus) =>
  status === PlanItemStatus.NOT_DONE && !outcome ? [NOT_DONE_NEEDS_OUTCOME] : [];

/**
 * The lifecycle of a plan item: planned → in progress → done, or not done with the reason; an item
 * not done may be resumed or done late within the quarter. Done is final.
 */
export const PLAN_ITEM_LIFECYCLE = defineLifecycle<PlanItemStatus, PlanItemTransition, PlanItemMove>({
  record: 'пункт плана',
  stateLabel: PLAN_ITEM_STATUS_LABEL,
  refusalCode: UserErrorCode.INVALID_TRANSITION,
  transitions: {
    START: { label: 'начать', from: [PlanItemStatus.PLANNED], to: PlanItemStatus.IN_PROGRESS },
    COMPLETE: { label: 'отметить выполнение', from: [PlanItemStatus.PLANNED, PlanItemStatus.IN_PROGRESS, PlanItemStatus.NOT_DONE], to: PlanItemStatus.DONE },
    MARK_NOT_DONE: {
      label: 'отметить невыполнение',
      from: [PlanItemStatus.PLANNED, PlanItemStatus.IN_PROGRESS],
      to: PlanItemStatus.NOT_DONE,
      veto: (move) => planItemVetoes(move, PlanItemStatus.NOT_DONE),
    },
    RESUME: { label: 'возобновить', from: [PlanItemStatus.NOT_DONE], to: PlanItemStatus.IN_PROGRESS },
  },
});
