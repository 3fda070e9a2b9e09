import type { EntityManager } from '@mikro-orm/postgresql';
import { caseRecordScope, isCaseMo } from '../../access/records.js';
import { z } from 'zod';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { UserErrorCode, domainError, forbidden, notFound, staleVersion } from '../../shared/errors.js';
import { idSchema, text, validate, optionalNote } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import { CorrectiveAction } from './review.entity.js';
import { ACTION_STATUS_LABEL, ActionStatus } from './review.enums.js';
import { ACTION_LIFECYCLE, dueBeforeProtocol, isActionOpen } from './action-lifecycle.js';
import type { UpdateCorrectiveActionInput } from './review.inputs.js';

const optionalText = (max: number, label: string) => text(max, label).nullish();

const updateSchema = z.object({
  id: idSchema('Мероприятие'),
  version: z.number().int(),
  status: z.enum(ActionStatus).nullish(),
  description: optionalText(2000, 'Мероприятие'),
  ownerName: optionalText(200, 'Ответственный'),
  ownerPosition: optionalText(200, 'Должность ответственного'),
  dueDate: z.iso.date({ message: 'Срок: дата ГГГГ-ММ-ДД' }).nullish(),
  evidence: optionalNote(8000),
  cancelReason: optionalNote(2000),
});

export async function updateCorrectiveAction(em: EntityManager, viewer: Viewer, input: UpdateCorrectiveActionInput): Promise<CorrectiveAction> {
  const data = validate(updateSchema, input);
  const action = await em.findOne(CorrectiveAction, { $and: [{ id: data.id }, caseRecordScope(viewer)] }, { populate: ['refusalCase', 'review'] });
  if (!action) throw notFound('id', 'Мероприятие');
  if (!isCaseMo(viewer, action.refusalCase)) throw forbidden('Мероприятия ведёт комиссия МО');
  if (action.version !== data.version) throw staleVersion(action.version);
  if (!isActionOpen(action.status)) {
    throw domainError('status', UserErrorCode.NOT_ALLOWED, `Мероприятие уже ${ACTION_STATUS_LABEL[action.status]}: изменить нельзя`);
  }
  const dueProblem = data.dueDate ? dueBeforeProtocol(data.dueDate, action.review.protocolDate) : null;
  if (dueProblem) throw domainError('dueDate', UserErrorCode.INVALID, dueProblem);
  const from = action.status;
  if (data.status && data.status !== from) {
    action.status = await ACTION_LIFECYCLE.moveTo(from, data.status, { evidence: data.evidence, cancelReason: data.cancelReason }, { field: 'status' });
    if (data.status === ActionStatus.DONE)
      Object.assign(action, { evidence: data.evidence, completedOn: today(), confirmedBy: em.getReference(User, viewer.userId) });
    if (data.status === ActionStatus.CANCELLED) action.cancelReason = data.cancelReason;
  }
  for (const field of ['description', 'ownerName', 'ownerPosition', 'dueDate'] as const) {
    if (data[field] != null) action[field] = data[field]!;
  }
  recordHistory(em, action.refusalCase.id, viewer, {
    kind: HistoryKind.ACTION_UPDATED,
    summary: `Мероприятие «${action.description}»: ${ACTION_STATUS_LABEL[action.status]}, срок ${ruDate(action.dueDate)}`,
    changes:
      from !== action.status
        ? [{ field: 'actionStatus', label: 'Состояние мероприятия', from: ACTION_STATUS_LABEL[from], to: ACTION_STATUS_LABEL[action.status] }]
        : [],
  });
  await em.flush();
  return action;
}
