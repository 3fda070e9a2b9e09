import type { EntityManager } from '@mikro-orm/postgresql';
import { mayDecideAppeals } from '../../access/records.js';
import { z } from 'zod';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { UserErrorCode, domainError, forbidden } from '../../shared/errors.js';
import { idSchema, isoDate, text, validate, optionalNote } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { CalendarMissingError } from '../calendar/working-calendar.js';
import { APPEAL_WORKING_DAYS } from './deadlines.js';
import { loadVisible, lockExpertise, mayStart } from './expertise.access.js';
import { actReceivedOn } from './act-delivery.service.js';
import { Appeal, Expertise, Finding } from './expertise.entity.js';
import { CareEpisode } from './care-episode.entity.js';
import { APPEAL_OUTCOME_LABEL, AppealOutcome, EXPERTISE_TYPE_LABEL, ExpertiseStatus, ExpertiseType } from './expertise.enums.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition } from './expertise-lifecycle.js';
import type { RegisterAppealInput, SettleAppealInput } from './expertise.inputs.js';

const appealSchema = z.object({
  expertiseId: idSchema('Экспертиза'),
  filedOn: z.iso.date({ message: 'Дата подачи: ГГГГ-ММ-ДД' }).refine((d) => d <= today(), { message: 'Дата подачи не может быть в будущем' }),
  grounds: text(8000, 'Основания'),
});

/**
 * The last day the MO may appeal: 15 working days from the day it received the act (326-ФЗ
 * art. 42 part 1). Until the receipt is recorded the window has not started.
 */
export async function appealDueOn(em: EntityManager, receivedOn: string): Promise<string> {
  try {
    return (await loadWorkingCalendar(em)).addWorkingDays(receivedOn, APPEAL_WORKING_DAYS);
  } catch (error) {
    if (error instanceof CalendarMissingError) throw domainError(null, UserErrorCode.NOT_FOUND, error.message);
    throw error;
  }
}

export async function registerAppeal(em: EntityManager, viewer: Viewer, input: RegisterAppealInput): Promise<Expertise> {
  const data = validate(appealSchema, input);
  await lockExpertise(em, data.expertiseId);
  const expertise = await loadVisible(em, viewer, data.expertiseId);
  if (!mayStart(viewer, ExpertiseTransition.APPEAL, expertise, expertise.refusalCase))
    throw forbidden('Обжалует заключение комиссия МО, к которой оно относится');
  const disputed = await EXPERTISE_LIFECYCLE.move(ExpertiseTransition.APPEAL, expertise.status, { em, expertise }, { field: 'expertiseId' });
  if (data.filedOn < expertise.conclusionDate!) throw domainError('filedOn', UserErrorCode.INVALID, 'Дата подачи раньше даты заключения');
  const receivedOn = await actReceivedOn(em, expertise.id);
  const dueOn = receivedOn ? await appealDueOn(em, receivedOn) : null;
  if (receivedOn && dueOn && data.filedOn > dueOn) {
    throw domainError(
      'filedOn',
      UserErrorCode.NOT_ALLOWED,
      `Срок обжалования истёк ${ruDate(dueOn)}: ${APPEAL_WORKING_DAYS} рабочих дней от получения акта МО ${ruDate(receivedOn)}, жалоба подана ${ruDate(data.filedOn)}`,
    );
  }
  em.create(Appeal, { expertise, filedOn: data.filedOn, grounds: data.grounds, filedBy: em.getReference(User, viewer.userId) });
  expertise.status = disputed;
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.APPEAL_REGISTERED,
    summary: `МО обжаловала заключение ${expertise.number} в ТФОМС ${ruDate(data.filedOn)}`,
  });
  await em.flush();
  return expertise;
}

const settleSchema = z
  .object({
    expertiseId: idSchema('Экспертиза'),
    outcome: z.enum(AppealOutcome),
    decidedOn: z.iso.date({ message: 'Дата решения: ГГГГ-ММ-ДД' }).refine((d) => d <= today(), { message: 'Дата решения не может быть в будущем' }),
    comment: optionalNote(8000),
    standingFindingIds: z
      .array(idSchema('Замечание'))
      .nullish()
      .transform((v) => v ?? []),
    repeatExpertise: z.object(
      {
        type: z.enum(ExpertiseType),
        heldOn: isoDate('Дата повторной экспертизы'),
        expert: text(500, 'Эксперт повторной экспертизы'),
      },
      { message: 'Укажите повторную экспертизу, на которой основано решение' },
    ),
  })
  .refine((s) => s.repeatExpertise.heldOn <= s.decidedOn, {
    path: ['repeatExpertise', 'heldOn'],
    message: 'Повторная экспертиза проведена позже решения',
  })
  .refine((s) => s.outcome !== AppealOutcome.PARTLY || s.standingFindingIds.length > 0, {
    path: ['standingFindingIds'],
    message: 'При частичном изменении укажите замечания, которые остаются в силе',
  });

/** A partly upheld appeal yields a new, signed expertise holding only the findings that stand. */
async function reviseExpertise(em: EntityManager, viewer: Viewer, original: Expertise, standingIds: string[], decidedOn: string) {
  const findings = await em.find(Finding, { expertise: original.id });
  const standing = findings.filter((f) => standingIds.includes(f.id));
  if (standing.length !== standingIds.length || standing.length === findings.length) {
    throw domainError('standingFindingIds', UserErrorCode.INVALID, 'Укажите часть замечаний этой экспертизы (не все и не чужие)');
  }
  const revised = em.create(Expertise, {
    refusalCase: original.refusalCase,
    smo: original.smo,
    type: original.type,
    kind: original.kind,
    number: `${original.number}-И`,
    expert: original.expert,
    startDate: original.startDate,
    catalogueVersion: original.catalogueVersion,
    documentsRequestedOn: original.documentsRequestedOn,
    documentsReceivedOn: original.documentsReceivedOn,
    corrects: original,
    status: ExpertiseStatus.DRAFT,
    sanctionRule: original.sanctionRule,
  });
  // Copies keep their creation times: the one-ground rule breaks ties between equal amounts by them.
  const episodes = await em.find(CareEpisode, { id: { $in: [...new Set(standing.map((f) => f.episode.id))] } });
  const copies = new Map(
    episodes.map((episode) => {
      const { id: _id, expertise: _e, ...copy } = episode;
      return [episode.id, em.create(CareEpisode, { ...copy, expertise: revised })];
    }),
  );
  for (const f of standing) {
    const { id: _id, expertise: _e, episode, ...copy } = f;
    em.create(Finding, { ...copy, expertise: revised, episode: copies.get(episode.id)! });
  }
  await em.flush();
  const signed = await EXPERTISE_LIFECYCLE.move(ExpertiseTransition.ISSUE_BY_FUND_DECISION, revised.status, { em, expertise: revised }, { field: null });
  Object.assign(revised, { status: signed, conclusionDate: decidedOn, signedBy: em.getReference(User, viewer.userId), signedAt: new Date() });
  return revised;
}

export async function settleAppeal(em: EntityManager, viewer: Viewer, input: SettleAppealInput): Promise<Expertise> {
  const data = validate(settleSchema, input);
  if (!mayDecideAppeals(viewer)) throw forbidden('Решение по обжалованию записывает отдел ТФОМС');
  await lockExpertise(em, data.expertiseId);
  const expertise = await loadVisible(em, viewer, data.expertiseId);
  const settled = await EXPERTISE_LIFECYCLE.move(ExpertiseTransition.SETTLE, expertise.status, { em, expertise }, { field: 'expertiseId' });
  const appeal = (await em.findOne(Appeal, { expertise: expertise.id }))!;
  if (data.decidedOn < appeal.filedOn) throw domainError('decidedOn', UserErrorCode.INVALID, 'Решение раньше подачи обжалования');
  if (data.repeatExpertise.heldOn < appeal.filedOn) {
    throw domainError('repeatExpertise.heldOn', UserErrorCode.INVALID, `Повторная экспертиза раньше подачи претензии (${ruDate(appeal.filedOn)})`);
  }
  const revised = data.outcome === AppealOutcome.PARTLY ? await reviseExpertise(em, viewer, expertise, data.standingFindingIds, data.decidedOn) : null;
  Object.assign(appeal, {
    outcome: data.outcome,
    decidedOn: data.decidedOn,
    decisionComment: data.comment,
    decidedBy: em.getReference(User, viewer.userId),
    revisedExpertise: revised,
    repeatType: data.repeatExpertise.type,
    repeatHeldOn: data.repeatExpertise.heldOn,
    repeatExpert: data.repeatExpertise.expert,
  });
  expertise.status = settled;
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.APPEAL_SETTLED,
    summary:
      `ТФОМС по итогам повторной ${EXPERTISE_TYPE_LABEL[data.repeatExpertise.type]} от ${ruDate(data.repeatExpertise.heldOn)}: ` +
      `${APPEAL_OUTCOME_LABEL[data.outcome]} (${expertise.number})${revised ? `, действует ${revised.number}` : ''}`,
  });
  await em.flush();
  return expertise;
}
