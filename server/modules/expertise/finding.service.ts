import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { UserErrorCode, domainError, notFound } from '../../shared/errors.js';
import { MONEY, sanction } from '../../shared/money.js';
import { idSchema, isoDate, notFuture, text, validate } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import { DefectCode, SECTION_NAME } from '../catalogue/defect-code.entity.js';
import { normKindByCode } from '../norms/norm.service.js';
import { CareEpisode } from './care-episode.entity.js';
import { loadForSmoEdit } from './expertise.access.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition } from './expertise-lifecycle.js';
import { Finding, type Expertise } from './expertise.entity.js';
import { EXPERTISE_TYPE_LABEL, SECTION_OF_TYPE } from './expertise.enums.js';
import type { AddFindingInput } from './expertise.inputs.js';

const episodeSchema = z
  .object({
    recordNumber: text(500, 'Номер карты (случая)'),
    careFrom: isoDate('Начало оказания помощи'),
    careTo: notFuture('Окончание оказания помощи'),
    normKindCode: z.string().trim().min(1, { message: 'Укажите вид норматива (условия оказания помощи)' }),
    tariff: z.string().trim().regex(MONEY, { message: 'RT: рубли с копейками, например 45210.50' }),
  })
  .refine((e) => e.careFrom <= e.careTo, { path: ['careTo'], message: 'Окончание оказания помощи раньше начала' });

const findingSchema = z
  .object({
    expertiseId: idSchema('Экспертиза'),
    code: z
      .string()
      .trim()
      .min(1, { message: 'Укажите код дефекта' })
      .transform((c) => c.replace(/\.$/, '')),
    description: text(4000, 'Описание нарушения'),
    episodeId: idSchema('Случай оказания помощи')
      .nullish()
      .transform((v) => v ?? null),
    episode: episodeSchema.nullish().transform((v) => v ?? null),
  })
  .refine((f) => (f.episodeId === null) !== (f.episode === null), {
    path: ['episodeId'],
    message: 'Выберите случай оказания помощи из уже проверенных или опишите новый (одно из двух)',
  });

type EpisodeData = z.output<typeof episodeSchema>;

/** Whether a catalogue code may be a finding of this expertise: assignable, and of the type's section. */
function assertCodeFits(code: DefectCode | null, expertise: Expertise, typed: string): asserts code is DefectCode {
  if (!code) throw domainError('code', UserErrorCode.NOT_FOUND, `Кода ${typed} нет в перечне, действующем на ${expertise.startDate}`);
  if (!code.assignable) {
    throw domainError('code', UserErrorCode.INVALID, `${code.code} — группа кодов: выберите один из её подпунктов`);
  }
  const section = SECTION_OF_TYPE[expertise.type];
  if (code.section !== section) {
    throw domainError(
      'code',
      UserErrorCode.INVALID,
      `Код ${code.code} из раздела «${SECTION_NAME[code.section]}»; для ${EXPERTISE_TYPE_LABEL[expertise.type]} нужны коды раздела ${section}`,
    );
  }
}

/** Non-payment is part of the cost of the care: RT × Кно, never more than RT. */
export function nonPayment(tariff: string, coefficient: string | null): string | null {
  const amount = sanction(tariff, coefficient);
  return amount === null ? null : Decimal.min(amount, tariff).toFixed(2);
}

async function markFindingsChanged(em: EntityManager, viewer: Viewer, expertise: Expertise, summary: string) {
  expertise.findingsRevision += 1;
  expertise.status = await EXPERTISE_LIFECYCLE.move(ExpertiseTransition.CHANGE_FINDINGS, expertise.status, { em, expertise }, { field: null });
  recordHistory(em, expertise.refusalCase.id, viewer, { kind: HistoryKind.FINDINGS_CHANGED, summary });
}

async function newEpisode(em: EntityManager, expertise: Expertise, data: EpisodeData): Promise<CareEpisode> {
  const same = await em.findOne(CareEpisode, { expertise: expertise.id, recordNumber: data.recordNumber });
  if (same) {
    throw domainError(
      'episode.recordNumber',
      UserErrorCode.ALREADY_EXISTS,
      `Случай «${data.recordNumber}» уже есть в этой экспертизе — выберите его в списке случаев`,
    );
  }
  const normKind = await normKindByCode(em, data.normKindCode, 'episode.normKindCode');
  return em.create(CareEpisode, { expertise, recordNumber: data.recordNumber, careFrom: data.careFrom, careTo: data.careTo, normKind, tariff: data.tariff });
}

async function existingEpisode(em: EntityManager, expertise: Expertise, id: string): Promise<CareEpisode> {
  const episode = await em.findOne(CareEpisode, { id, expertise: expertise.id });
  if (!episode) throw notFound('episodeId', 'Случай оказания помощи этой экспертизы');
  return episode;
}

export async function addFinding(em: EntityManager, viewer: Viewer, input: AddFindingInput): Promise<Finding> {
  const data = validate(findingSchema, input);
  const expertise = await loadForSmoEdit(em, viewer, data.expertiseId);
  const code = await em.findOne(DefectCode, { catalogueVersion: expertise.catalogueVersion.id, code: data.code });
  assertCodeFits(code, expertise, data.code);
  const episode = data.episode ? await newEpisode(em, expertise, data.episode) : await existingEpisode(em, expertise, data.episodeId!);
  const finding = em.create(Finding, {
    expertise,
    defectCode: code,
    description: data.description,
    episode,
    amountNotPaid: nonPayment(episode.tariff, code.nonPaymentCoefficient),
  });
  await markFindingsChanged(em, viewer, expertise, `Экспертиза ${expertise.number}: добавлено замечание по коду ${code.code} («${episode.recordNumber}»)`);
  await em.flush();
  return finding;
}

/** Removes a finding; an episode left without findings goes with it. */
export async function removeFinding(em: EntityManager, viewer: Viewer, findingId: string): Promise<Expertise> {
  const id = validate(idSchema('Замечание'), findingId, 'findingId');
  const finding = await em.findOne(Finding, { id }, { populate: ['defectCode'] });
  if (!finding) throw notFound('findingId', 'Замечание');
  const expertise = await loadForSmoEdit(em, viewer, finding.expertise.id, null, 'findingId');
  em.remove(finding);
  await em.flush();
  if ((await em.count(Finding, { episode: finding.episode.id })) === 0) em.remove(finding.episode);
  await markFindingsChanged(em, viewer, expertise, `Экспертиза ${expertise.number}: удалено замечание по коду ${finding.defectCode.code}`);
  await em.flush();
  return expertise;
}
