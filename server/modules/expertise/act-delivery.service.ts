import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { mayRecordActDelivery, mayRecordActReceipt } from '../../access/records.js';
import { ruDate } from '../../shared/dates.js';
import { UserErrorCode, domainError, forbidden, notFound } from '../../shared/errors.js';
import { idSchema, notFuture, text, validate } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { noticeActSent } from '../mail/mail-notices.js';
import { recordHistory } from '../cases/case-history.service.js';
import { ACT_DELIVERY_METHOD_LABEL, ActDelivery, ActDeliveryMethod } from './act-delivery.entity.js';
import { isSigned } from './expertise-lifecycle.js';
import { loadVisible, lockExpertise } from './expertise.access.js';
import { Finding, type Expertise } from './expertise.entity.js';

const deliverySchema = z.object({ expertiseId: idSchema('Экспертиза'), sentOn: notFuture('Дата направления акта'), method: z.enum(ActDeliveryMethod) });
const receiptSchema = z
  .object({
    expertiseId: idSchema('Экспертиза'),
    receivedOn: notFuture('Дата получения акта'),
    signedWithDisagreement: z
      .boolean()
      .nullish()
      .transform((v) => Boolean(v)),
    objections: z
      .array(z.object({ findingId: idSchema('Замечание'), text: text(4000, 'Разногласие') }))
      .nullish()
      .transform((v) => v ?? []),
  })
  .refine((r) => !r.signedWithDisagreement || r.objections.length > 0, {
    path: ['objections'],
    message: 'Подписывая акт с разногласиями, укажите, с какими замечаниями МО не согласна',
  })
  .refine((r) => r.signedWithDisagreement || r.objections.length === 0, {
    path: ['signedWithDisagreement'],
    message: 'Разногласия записываются, когда акт подписан с разногласиями',
  });

/** A signed expertise, locked, for a change of its act's way to the MO; the act's record so far. */
async function signedForDelivery(em: EntityManager, viewer: Viewer, expertiseId: string) {
  await lockExpertise(em, expertiseId);
  const expertise = await loadVisible(em, viewer, expertiseId);
  if (!isSigned(expertise.status)) throw domainError('expertiseId', UserErrorCode.NOT_ALLOWED, 'Акт направляется в МО после подписания заключения');
  const delivery = (await em.findOne(ActDelivery, { expertise: expertise.id })) ?? em.create(ActDelivery, { expertise });
  return { expertise, delivery };
}

export async function recordActDelivery(em: EntityManager, viewer: Viewer, input: z.input<typeof deliverySchema>): Promise<Expertise> {
  const data = validate(deliverySchema, input);
  const { expertise, delivery } = await signedForDelivery(em, viewer, data.expertiseId);
  if (!mayRecordActDelivery(viewer, expertise)) throw forbidden('Акт направляет эксперт СМО, которая провела экспертизу');
  if (delivery.sentOn) throw domainError('sentOn', UserErrorCode.NOT_ALLOWED, `Направление акта уже записано: ${ruDate(delivery.sentOn)}`);
  if (data.sentOn < expertise.conclusionDate!) throw domainError('sentOn', UserErrorCode.INVALID, 'Акт не может быть направлен раньше даты заключения');
  if (delivery.receivedOn && data.sentOn > delivery.receivedOn) {
    throw domainError('sentOn', UserErrorCode.INVALID, `МО получила акт ${ruDate(delivery.receivedOn)}: направлен он был не позже`);
  }
  Object.assign(delivery, { sentOn: data.sentOn, method: data.method, sentBy: em.getReference(User, viewer.userId) });
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.ACT_SENT,
    summary: `Акт ${expertise.number} направлен в МО ${ruDate(data.sentOn)} (${ACT_DELIVERY_METHOD_LABEL[data.method]})`,
  });
  await em.flush();
  await em.populate(expertise, ['refusalCase.mo', 'refusalCase.smo']);
  const refusalCase = expertise.refusalCase;
  await noticeActSent(em, {
    moId: refusalCase.mo.id,
    smoName: refusalCase.smo.shortName,
    number: expertise.number,
    caseNumber: refusalCase.number,
    caseId: refusalCase.id,
    sentOn: ruDate(data.sentOn),
    method: ACT_DELIVERY_METHOD_LABEL[data.method],
  });
  return expertise;
}

export async function recordActReceipt(em: EntityManager, viewer: Viewer, input: z.input<typeof receiptSchema>): Promise<Expertise> {
  const data = validate(receiptSchema, input);
  const { expertise, delivery } = await signedForDelivery(em, viewer, data.expertiseId);
  if (!mayRecordActReceipt(viewer, expertise, expertise.refusalCase)) {
    throw forbidden('Получение акта записывает МО, которой он направлен, или СМО по отметке МО');
  }
  if (delivery.receivedOn) throw domainError('receivedOn', UserErrorCode.NOT_ALLOWED, `Получение акта уже записано: ${ruDate(delivery.receivedOn)}`);
  if (data.receivedOn < expertise.conclusionDate!) throw domainError('receivedOn', UserErrorCode.INVALID, 'Акт не может быть получен раньше даты заключения');
  if (delivery.sentOn && data.receivedOn < delivery.sentOn) {
    throw domainError('receivedOn', UserErrorCode.INVALID, `Акт направлен ${ruDate(delivery.sentOn)}: получен он мог быть не раньше`);
  }
  await assertFindingsOf(em, expertise, data.objections);
  Object.assign(delivery, {
    receivedOn: data.receivedOn,
    receiptRecordedBy: em.getReference(User, viewer.userId),
    signedWithDisagreement: data.signedWithDisagreement,
    objections: data.objections,
  });
  const signature = data.signedWithDisagreement ? `подписан с разногласиями (замечаний: ${data.objections.length})` : 'подписан без разногласий';
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.ACT_RECEIVED,
    summary: `МО получила акт ${expertise.number} ${ruDate(data.receivedOn)}, ${signature}: с этого дня идёт срок обжалования`,
  });
  await em.flush();
  return expertise;
}

/** Objections name findings of this expertise, each once. */
async function assertFindingsOf(em: EntityManager, expertise: Expertise, objections: Array<{ findingId: string }>) {
  const ids = new Set((await em.find(Finding, { expertise: expertise.id }, { fields: ['id'] })).map((f) => f.id));
  const seen = new Set<string>();
  objections.forEach((o, i) => {
    if (!ids.has(o.findingId) || seen.has(o.findingId)) throw notFound(`objections.${i}.findingId`, 'Замечание этого акта');
    seen.add(o.findingId);
  });
}

/** The day the MO received the act, if recorded: the appeal window runs from it. */
export async function actReceivedOn(em: EntityManager, expertiseId: string): Promise<string | null> {
  return (await em.findOne(ActDelivery, { expertise: expertiseId }))?.receivedOn ?? null;
}
