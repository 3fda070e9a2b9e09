import type { EntityManager } from '@mikro-orm/postgresql';
import { isCaseMo, mayRecordReview } from '../../access/records.js';
import { z } from 'zod';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { DomainError, UserErrorCode, domainError, forbidden, notFound, staleVersion } from '../../shared/errors.js';
import { dueBeforeProtocol } from './action-lifecycle.js';
import { idSchema, isoDate, text, validate, optionalNote } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import type { RefusalCase } from '../cases/refusal-case.entity.js';
import { findCase } from '../cases/refusal-case.service.js';

import { Finding } from '../expertise/expertise.entity.js';
import { MoPosition } from '../expertise/expertise.enums.js';
import { PositionSource } from '../expertise/finding-position.entity.js';
import { recordPositions } from '../expertise/finding-positions.js';
import { CommissionReview, CorrectiveAction, RootCause } from './review.entity.js';
import { ActionType, MemberRole } from './review.enums.js';
import type { RecordCommissionReviewInput } from './review.inputs.js';

export const newActionSchema = z.object({
  description: text(2000, 'Мероприятие'),
  type: z.enum(ActionType),
  ownerName: text(200, 'Ответственный'),
  ownerPosition: text(200, 'Должность ответственного'),
  dueDate: isoDate('Срок'),
});

const reviewSchema = z.object({
  caseId: idSchema('Случай'),
  version: z.number().int().nullish(),
  protocolNumber: text(50, 'Номер протокола'),
  protocolDate: isoDate('Дата протокола').refine((d) => d <= today(), { message: 'Дата протокола не может быть в будущем' }),
  members: z
    .array(z.object({ name: text(200, 'ФИО члена комиссии'), position: text(200, 'Должность'), role: z.enum(MemberRole) }))
    .refine((members) => members.some((m) => m.role === MemberRole.CHAIR), { message: 'Укажите председателя комиссии' })
    .refine((members) => members.filter((m) => m.role === MemberRole.CHAIR).length <= 1, { message: 'Председатель у комиссии один' }),
  causes: z
    .array(
      z.object({
        rootCauseId: idSchema('Причина'),
        comment: optionalNote(2000),
      }),
    )
    .min(1, { message: 'Укажите хотя бы одну причину' }),
  conclusion: text(8000, 'Заключение комиссии'),
  findingOpinions: z
    .array(
      z.object({
        findingId: idSchema('Замечание'),
        agrees: z.boolean(),
        comment: optionalNote(2000),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
  actions: z
    .array(newActionSchema)
    .nullish()
    .transform((v) => v ?? []),
});

/** The case an MO commission member is about to review: visible, of their MO, not closed. */
async function caseForReview(em: EntityManager, viewer: Viewer, caseId: string): Promise<RefusalCase> {
  const refusalCase = await findCase(em, viewer, caseId);
  if (!refusalCase) throw notFound('caseId', 'Случай');
  if (!isCaseMo(viewer, refusalCase)) throw forbidden('Комиссионный разбор записывает комиссия МО, направившей пациента');
  if (!mayRecordReview(viewer, refusalCase)) throw domainError('caseId', UserErrorCode.NOT_ALLOWED, 'Случай закрыт');
  return refusalCase;
}

async function resolveCauses(em: EntityManager, causes: Array<{ rootCauseId: string; comment: string | null }>) {
  const known = new Map((await em.find(RootCause, { id: { $in: causes.map((c) => c.rootCauseId) }, active: true })).map((c) => [c.id, c]));
  const errors = causes.flatMap((c, i) => {
    const cause = known.get(c.rootCauseId);
    if (!cause) return [{ field: `causes.${i}.rootCauseId`, code: UserErrorCode.NOT_FOUND, message: 'Такой причины нет в справочнике' }];
    if (cause.requiresText && !c.comment) return [{ field: `causes.${i}.comment`, code: UserErrorCode.REQUIRED, message: `Поясните причину «${cause.name}»` }];
    return [];
  });
  if (errors.length) throw new DomainError(errors);
  return causes.map((c) => ({ rootCauseId: c.rootCauseId, name: known.get(c.rootCauseId)!.name, comment: c.comment }));
}

/** Where the case has findings, the commission gives its opinion on every one of them. */
async function checkOpinions(em: EntityManager, caseId: string, opinions: Array<{ findingId: string; agrees: boolean; comment: string | null }>) {
  const findings = await em.find(Finding, { expertise: { refusalCase: caseId } }, { fields: ['id'] });
  const ids = new Set(findings.map((f) => f.id));
  const stray = opinions.findIndex((o) => !ids.has(o.findingId));
  if (stray >= 0) throw notFound(`findingOpinions.${stray}.findingId`, 'Замечание по этому случаю');
  const missing = [...ids].filter((id) => !opinions.some((o) => o.findingId === id));
  if (missing.length) {
    throw domainError('findingOpinions', UserErrorCode.REQUIRED, `Укажите мнение комиссии по каждому замечанию СМО (не указано: ${missing.length})`);
  }
}

export async function recordCommissionReview(em: EntityManager, viewer: Viewer, input: RecordCommissionReviewInput): Promise<CommissionReview> {
  const data = validate(reviewSchema, input);
  const refusalCase = await caseForReview(em, viewer, data.caseId);
  if (data.protocolDate < refusalCase.refusalDate) throw domainError('protocolDate', UserErrorCode.INVALID, 'Протокол раньше даты отказа бюро');
  const lateDue = data.actions.flatMap((a, i) => {
    const message = dueBeforeProtocol(a.dueDate, data.protocolDate);
    return message ? [{ field: `actions.${i}.dueDate`, code: UserErrorCode.INVALID, message }] : [];
  });
  if (lateDue.length) throw new DomainError(lateDue);
  const causes = await resolveCauses(em, data.causes);
  await checkOpinions(em, refusalCase.id, data.findingOpinions);
  const fields = {
    protocolNumber: data.protocolNumber,
    protocolDate: data.protocolDate,
    members: data.members,
    causes,
    conclusion: data.conclusion,
  };
  const positions = data.findingOpinions.map((o) => ({
    findingId: o.findingId,
    position: o.agrees ? MoPosition.AGREES : MoPosition.DISAGREES,
    comment: o.comment,
  }));
  await recordPositions(em, viewer, positions, PositionSource.COMMISSION_REVIEW);
  let review = await em.findOne(CommissionReview, { refusalCase: refusalCase.id });
  if (review) {
    if (data.version == null) throw domainError('version', UserErrorCode.REQUIRED, 'Разбор уже записан: передайте его версию, чтобы изменить');
    if (review.version !== data.version) throw staleVersion(review.version);
    em.assign(review, fields);
  } else {
    review = em.create(CommissionReview, { ...fields, refusalCase, recordedBy: em.getReference(User, viewer.userId) });
  }
  for (const action of data.actions) em.create(CorrectiveAction, { ...action, review, refusalCase });
  recordHistory(em, refusalCase.id, viewer, {
    kind: HistoryKind.REVIEW_RECORDED,
    summary: `Комиссионный разбор МО: протокол № ${data.protocolNumber} от ${ruDate(data.protocolDate)}${data.actions.length ? `, мероприятий: ${data.actions.length}` : ''}`,
  });
  await em.flush();
  return review;
}
