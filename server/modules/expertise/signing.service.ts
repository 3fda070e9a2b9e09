import type { EntityManager } from '@mikro-orm/postgresql';
import { isCaseMo } from '../../access/records.js';
import { z } from 'zod';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { DomainError, UserErrorCode, domainError, forbidden, notFound, staleVersion } from '../../shared/errors.js';
import { sanction } from '../../shared/money.js';
import { idSchema, text, validate, optionalNote } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import { applyTransition, CaseTransition } from '../cases/case-lifecycle.js';
import { CaseState } from '../cases/case-state.js';
import { normsInForce } from '../norms/norm.service.js';
import { loadForSmoEdit, loadVisible, lockExpertise } from './expertise.access.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition, isOpenForEdits } from './expertise-lifecycle.js';
import { Discussion, Finding, type Expertise } from './expertise.entity.js';
import { keepPositionsAtSigning, recordPositions } from './finding-positions.js';
import { PositionSource } from './finding-position.entity.js';
import { EXPERTISE_TYPE_LABEL, MoPosition, ParticipantSide } from './expertise.enums.js';
import type { BusinessRules } from '../../config.js';
import { normDay } from './expertise-sanctions.js';
import type { RecordDiscussionInput, RecordMoPositionsInput } from './expertise.inputs.js';

const discussionSchema = z.object({
  expertiseId: idSchema('Экспертиза'),
  heldOn: z.iso.date({ message: 'Дата разбора: ГГГГ-ММ-ДД' }).refine((d) => d <= today(), { message: 'Дата разбора не может быть в будущем' }),
  participants: z
    .array(z.object({ side: z.enum(ParticipantSide), name: text(200, 'ФИО участника'), position: text(200, 'Должность участника') }))
    .refine((p) => p.some((x) => x.side === ParticipantSide.SMO) && p.some((x) => x.side === ParticipantSide.MO), {
      message: 'Нужны участники и от СМО, и от МО',
    }),
  notes: optionalNote(4000),
});

/** Records the joint discussion of the findings with the MO; it covers the findings as they are now. */
export async function recordDiscussion(em: EntityManager, viewer: Viewer, input: RecordDiscussionInput): Promise<Expertise> {
  const data = validate(discussionSchema, input);
  const expertise = await loadForSmoEdit(em, viewer, data.expertiseId);
  if (data.heldOn < expertise.startDate) throw domainError('heldOn', UserErrorCode.INVALID, 'Разбор раньше начала экспертизы');
  em.create(Discussion, {
    expertise,
    heldOn: data.heldOn,
    participants: data.participants,
    notes: data.notes,
    findingsRevision: expertise.findingsRevision,
    recordedBy: em.getReference(User, viewer.userId),
  });
  expertise.status = await EXPERTISE_LIFECYCLE.move(ExpertiseTransition.DISCUSS, expertise.status, { em, expertise }, { field: null });
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.DISCUSSION_RECORDED,
    summary: `Экспертиза ${expertise.number}: проведён совместный разбор с МО ${ruDate(data.heldOn)}`,
  });
  await em.flush();
  return expertise;
}

const positionsSchema = z.object({
  expertiseId: idSchema('Экспертиза'),
  positions: z
    .array(
      z
        .object({ findingId: idSchema('Замечание'), position: z.enum(MoPosition), comment: z.string().trim().max(4000).nullish() })
        .refine((p) => p.position !== MoPosition.DISAGREES || Boolean(p.comment), {
          path: ['comment'],
          message: 'При несогласии укажите, с чем МО не согласна',
        }),
    )
    .min(1, { message: 'Укажите позицию хотя бы по одному замечанию' }),
});

/** The MO's side of the discussion: agrees or disagrees with each finding. */
export async function recordMoPositions(em: EntityManager, viewer: Viewer, input: RecordMoPositionsInput): Promise<Expertise> {
  const data = validate(positionsSchema, input);
  await lockExpertise(em, data.expertiseId);
  const expertise = await loadVisible(em, viewer, data.expertiseId);
  if (!isCaseMo(viewer, expertise.refusalCase)) throw forbidden('Позицию МО записывает комиссия МО, направившей пациента');
  if (!isOpenForEdits(expertise.status)) throw domainError(null, UserErrorCode.NOT_ALLOWED, 'Экспертиза уже подписана');
  const findings = await em.find(Finding, { expertise: expertise.id, id: { $in: data.positions.map((p) => p.findingId) } }, { fields: ['id'] });
  const known = new Set(findings.map((f) => f.id));
  const stray = data.positions.findIndex((p) => !known.has(p.findingId));
  if (stray >= 0) throw notFound(`positions.${stray}.findingId`, 'Замечание этой экспертизы');
  await recordPositions(
    em,
    viewer,
    data.positions.map((p) => ({ findingId: p.findingId, position: p.position, comment: p.comment ?? null })),
    PositionSource.DISCUSSION,
  );
  const disagreed = data.positions.filter((p) => p.position === MoPosition.DISAGREES).length;
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.MO_POSITION_RECORDED,
    summary: `Экспертиза ${expertise.number}: МО согласна с ${data.positions.length - disagreed}, не согласна с ${disagreed} замечаниями`,
  });
  await em.flush();
  return expertise;
}

/** Fines need the per-capita norm (RP) of each episode's kind, in force on its day. */
async function assignFines(em: EntityManager, findings: Finding[], conclusionDate: string, rules: BusinessRules): Promise<void> {
  const requests = findings
    .filter((f) => f.defectCode.fineCoefficient !== null)
    .map((finding) => ({ finding, normKindId: finding.episode.normKind.id, day: normDay(finding.episode, conclusionDate, rules.normDate) }));
  const norms = await normsInForce(em, requests);
  const missing = new Map(
    requests
      .filter((r) => !norms.has(r))
      .map((r) => [
        `${r.normKindId}/${r.day}`,
        `Подписание невозможно: не задан подушевой норматив «${r.finding.episode.normKind.name}», действующий на ${ruDate(r.day)}`,
      ]),
  );
  if (missing.size) throw new DomainError([...missing.values()].map((message) => ({ field: null, code: UserErrorCode.NOT_FOUND, message })));
  for (const request of requests) {
    const rp = norms.get(request)!.amount;
    Object.assign(request.finding, { perCapitaNorm: rp, normDate: request.day, fine: sanction(rp, request.finding.defectCode.fineCoefficient) });
  }
}

export async function signExpertise(em: EntityManager, viewer: Viewer, id: string, version: number, rules: BusinessRules): Promise<Expertise> {
  const expertise = await loadForSmoEdit(em, viewer, validate(idSchema('Экспертиза'), id, 'id'), null, 'id');
  if (expertise.version !== version) throw staleVersion(expertise.version);
  const signed = await EXPERTISE_LIFECYCLE.move(ExpertiseTransition.SIGN, expertise.status, { em, expertise }, { field: null });
  const conclusionDate = today();
  const findings = await em.find(Finding, { expertise: expertise.id }, { populate: ['defectCode', 'episode.normKind'] });
  await assignFines(em, findings, conclusionDate, rules);
  await keepPositionsAtSigning(em, findings);
  // Findings are written while the expertise is still open: the database freezes them once it is signed.
  await em.flush();
  Object.assign(expertise, {
    status: signed,
    sanctionRule: rules.episodeSanctionRule,
    conclusionDate,
    signedBy: em.getReference(User, viewer.userId),
    signedAt: new Date(),
  });
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.EXPERTISE_SIGNED,
    summary: `${EXPERTISE_TYPE_LABEL[expertise.type]} ${expertise.number} подписана, заключение от ${ruDate(conclusionDate)}`,
  });
  const refusalCase = expertise.refusalCase;
  if (refusalCase.state === CaseState.UNDER_EXPERTISE) {
    await applyTransition(em, viewer, refusalCase, CaseTransition.SEND_TO_MO_REVIEW, {
      field: 'id',
      summary: 'Состояние изменено: заключение подписано, случай передан на разбор в МО',
    });
  }
  await em.flush();
  return expertise;
}
