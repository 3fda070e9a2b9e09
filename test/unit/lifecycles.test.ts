import { describe, expect, it } from 'vitest';
import { CASE_LIFECYCLE, CaseTransition } from '../../server/modules/cases/case-lifecycle.js';
import { CaseState } from '../../server/modules/cases/case-state.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition, isFinal, isOpenForEdits, isSigned } from '../../server/modules/expertise/expertise-lifecycle.js';
import { ExpertiseStatus } from '../../server/modules/expertise/expertise.enums.js';
import { PLAN_ITEM_LIFECYCLE } from '../../server/modules/plans/plan-lifecycle.js';
import { PlanItemStatus } from '../../server/modules/plans/plan.entity.js';
import { ACTION_LIFECYCLE } from '../../server/modules/reviews/action-lifecycle.js';
import { ActionStatus } from '../../server/modules/reviews/review.enums.js';
import { DomainError } from '../../server/shared/errors.js';

/** Every state a lifecycle's transitions reach, starting from the first state. */
function reachable<S extends string>(start: S, next: (state: S) => S[]): Set<S> {
  const seen = new Set<S>([start]);
  const queue = [start];
  while (queue.length) {
    for (const to of next(queue.shift()!).filter((s) => !seen.has(s))) {
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

describe('lifecycle tables', () => {
  it('reach every state from the first one', () => {
    const expertise = reachable<ExpertiseStatus>(ExpertiseStatus.DRAFT, (s) =>
      EXPERTISE_LIFECYCLE.transitionsFrom(s).map((t) => EXPERTISE_LIFECYCLE.rule(t).to),
    );
    expect([...expertise].sort()).toEqual(Object.values(ExpertiseStatus).sort());
    const cases = reachable<CaseState>(CaseState.REGISTERED, (s) => CASE_LIFECYCLE.transitionsFrom(s).map((t) => CASE_LIFECYCLE.rule(t).to));
    expect([...cases].sort()).toEqual(Object.values(CaseState).sort());
    const actions = reachable<ActionStatus>(ActionStatus.PLANNED, (s) => ACTION_LIFECYCLE.transitionsFrom(s).map((t) => ACTION_LIFECYCLE.rule(t).to));
    expect([...actions].sort()).toEqual(Object.values(ActionStatus).sort());
  });

  it('keep the predicates consistent with the table: nothing leaves a signed expertise but the appeal path', () => {
    for (const status of Object.values(ExpertiseStatus)) {
      expect(isSigned(status)).toBe(!isOpenForEdits(status));
      if (isSigned(status)) {
        expect(EXPERTISE_LIFECYCLE.transitionsFrom(status).every((t) => [ExpertiseTransition.APPEAL, ExpertiseTransition.SETTLE].includes(t))).toBe(true);
      }
    }
    expect(Object.values(ExpertiseStatus).filter(isFinal).sort()).toEqual([ExpertiseStatus.SETTLED, ExpertiseStatus.SIGNED]);
  });

  it('refuse a move the table does not have, naming both states, and a move from the wrong state', async () => {
    const done = PLAN_ITEM_LIFECYCLE.moveTo(PlanItemStatus.DONE, PlanItemStatus.PLANNED, { outcome: null }, { field: 'status' });
    await expect(done).rejects.toBeInstanceOf(DomainError);
    await expect(done).rejects.toMatchObject({
      errors: [{ field: 'status', code: 'INVALID_TRANSITION', message: 'Нельзя перевести пункт плана из «выполнено» в «запланировано»' }],
    });
    const reopen = CASE_LIFECYCLE.move(
      CaseTransition.REOPEN,
      CaseState.REGISTERED,
      { em: null!, viewer: null!, refusalCase: null!, reason: 'x' },
      { field: 'transition' },
    );
    await expect(reopen).rejects.toMatchObject({ errors: [{ message: 'Нельзя открыть повторно: случай в состоянии «зарегистрирован»' }] });
  });

  it('run the vetoes and put their refusals on the fields they name', async () => {
    const notDone = PLAN_ITEM_LIFECYCLE.moveTo(PlanItemStatus.IN_PROGRESS, PlanItemStatus.NOT_DONE, { outcome: null }, { field: 'status' });
    await expect(notDone).rejects.toMatchObject({ errors: [{ field: 'outcome', code: 'REQUIRED' }] });
    expect(await PLAN_ITEM_LIFECYCLE.moveTo(PlanItemStatus.IN_PROGRESS, PlanItemStatus.NOT_DONE, { outcome: 'Нет денег' }, { field: 'status' })).toBe(
      PlanItemStatus.NOT_DONE,
    );
    const cancel = ACTION_LIFECYCLE.moveTo(ActionStatus.PLANNED, ActionStatus.CANCELLED, { evidence: null, cancelReason: null }, { field: 'status' });
    await expect(cancel).rejects.toMatchObject({ errors: [{ field: 'cancelReason', code: 'REQUIRED', message: 'Укажите причину отмены' }] });
  });
});
