import type { EntityManager } from '@mikro-orm/postgresql';
import { Expertise } from '../expertise/expertise.entity.js';
import { EXPERTISE_STATUS_LABEL, EXPERTISE_TYPE_LABEL } from '../expertise/expertise.enums.js';
import { isFinal } from '../expertise/expertise-lifecycle.js';
import { CommissionReview, CorrectiveAction } from '../reviews/review.entity.js';
import { OPEN_ACTION_STATUSES } from '../reviews/action-lifecycle.js';

/**
 * What still stands between a case and its closing: the MO's review, unfinished expertises,
 * open corrective actions. Empty when the case may close.
 */
export async function whatPreventsClosing(em: EntityManager, caseId: string): Promise<string[]> {
  const review = await em.count(CommissionReview, { refusalCase: caseId });
  const expertises = await em.find(Expertise, { refusalCase: caseId }, { orderBy: { createdAt: 'asc' } });
  const openActions = await em.find(CorrectiveAction, { refusalCase: caseId, status: { $in: OPEN_ACTION_STATUSES } }, { orderBy: { dueDate: 'asc' } });
  return [
    ...(review ? [] : ['Не записан комиссионный разбор медицинской организации']),
    ...expertises
      .filter((e) => !isFinal(e.status))
      .map((e) => `${EXPERTISE_TYPE_LABEL[e.type]} ${e.number} не завершена (${EXPERTISE_STATUS_LABEL[e.status]})`),
    ...openActions.map((a) => `Мероприятие «${a.description}» не выполнено и не отменено`),
  ];
}
