import type { EntityManager } from '@mikro-orm/postgresql';
import { OPEN_ACTION_STATUSES } from './action-lifecycle.js';
import { CommissionReview, CorrectiveAction } from './review.entity.js';

/** A case closes only after the MO's commission recorded its review. */
export async function reviewRecorded(em: EntityManager, caseId: string): Promise<string[]> {
  return (await em.count(CommissionReview, { refusalCase: caseId })) ? [] : ['Не записан комиссионный разбор медицинской организации'];
}

/** A case stays open while a corrective action of it is neither done nor cancelled. */
export async function openActions(em: EntityManager, caseId: string): Promise<string[]> {
  const open = await em.find(CorrectiveAction, { refusalCase: caseId, status: { $in: OPEN_ACTION_STATUSES } }, { orderBy: { dueDate: 'asc' } });
  return open.map((a) => `Мероприятие «${a.description}» не выполнено и не отменено`);
}
