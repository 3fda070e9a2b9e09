import type { EntityManager } from '@mikro-orm/postgresql';
import { reasonsByCase } from '../cases/case-closing.js';
import { OPEN_ACTION_STATUSES } from './action-lifecycle.js';
import { CommissionReview, CorrectiveAction } from './review.entity.js';

/** A case closes only after the MO's commission recorded its review. */
export async function reviewRecorded(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const reviewed = new Set((await em.find(CommissionReview, { refusalCase: { $in: [...caseIds] } }, { fields: ['refusalCase'] })).map((r) => r.refusalCase.id));
  const unreviewed = caseIds.filter((id) => !reviewed.has(id));
  return reasonsByCase(
    caseIds,
    unreviewed,
    (id) => id,
    () => 'Не записан комиссионный разбор медицинской организации',
  );
}

/** A case stays open while a corrective action of it is neither done nor cancelled. */
export async function openActions(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const open = await em.find(CorrectiveAction, { refusalCase: { $in: [...caseIds] }, status: { $in: OPEN_ACTION_STATUSES } }, { orderBy: { dueDate: 'asc' } });
  return reasonsByCase(
    caseIds,
    open,
    (a) => a.refusalCase.id,
    (a) => `Мероприятие «${a.description}» не выполнено и не отменено`,
  );
}
