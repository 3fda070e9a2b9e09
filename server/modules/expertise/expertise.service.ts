import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import { canEditCase } from '../../access/records.js';
import { z } from 'zod';
import { UserErrorCode, domainError, forbidden, notFound } from '../../shared/errors.js';
import { idSchema, notFuture, validate } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import { applyTransition, CaseTransition } from '../cases/case-lifecycle.js';
import { CaseState } from '../cases/case-state.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { findCase } from '../cases/refusal-case.service.js';
import { catalogueVersionInForce } from '../catalogue/catalogue.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { loadForSmoEdit } from './expertise.access.js';
import { isCorrectable } from './expertise-lifecycle.js';
import { Expertise } from './expertise.entity.js';
import { EXPERTISE_TYPE_LABEL, ExpertiseKind, ExpertiseType } from './expertise.enums.js';
import type { OpenExpertiseInput, UpdateExpertiseInput } from './expertise.inputs.js';

const openSchema = z.object({
  caseId: idSchema('Случай'),
  type: z.enum(ExpertiseType),
  kind: z.enum(ExpertiseKind),
  startDate: notFuture('Дата начала'),
  documentsRequestedOn: notFuture('Дата запроса документов')
    .nullish()
    .transform((v) => v ?? null),
  correctsExpertiseId: idSchema('Исправляемая экспертиза')
    .nullish()
    .transform((v) => v ?? null),
});

async function reserveExpertiseNumber(em: EntityManager, smoId: string, type: ExpertiseType, year: number) {
  const [row] = await execute<{ last: number }>(
    em,
    sql`insert into expertise_number_counter (smo_id, year, last) values (${smoId}, ${year}, 1)
     on conflict (smo_id, year) do update set last = expertise_number_counter.last + 1 returning last`,
  );
  return `${EXPERTISE_TYPE_LABEL[type]}-${year}-${String(row.last).padStart(4, '0')}`;
}

/** Opening an expertise puts the case under expertise (and says so in its history). */
async function moveCaseUnderExpertise(em: EntityManager, viewer: Viewer, refusalCase: RefusalCase) {
  if (refusalCase.state === CaseState.UNDER_EXPERTISE) return;
  await applyTransition(em, viewer, refusalCase, CaseTransition.START_EXPERTISE, { field: 'caseId', summary: 'Состояние изменено: открыта экспертиза' });
}

/** An ЭКМП is made by an expert of the register of quality experts: the act names their specialty and number. */
async function assertQualityExpert(em: EntityManager, viewer: Viewer): Promise<void> {
  const expert = await em.findOneOrFail(User, { id: viewer.userId });
  if (!expert.specialty || !expert.expertRegistryNumber) {
    throw domainError(
      'type',
      UserErrorCode.NOT_ALLOWED,
      'ЭКМП проводит эксперт качества из реестра: попросите администратора указать в вашей карточке специальность и номер в реестре экспертов',
    );
  }
}

export async function openExpertise(em: EntityManager, viewer: Viewer, input: OpenExpertiseInput): Promise<Expertise> {
  const data = validate(openSchema, input);
  const refusalCase = await findCase(em, viewer, data.caseId);
  if (!refusalCase) throw notFound('caseId', 'Случай');
  if (!canEditCase(viewer, refusalCase)) throw forbidden('Экспертизу открывает эксперт СМО, застраховавшей лицо');
  if (data.documentsRequestedOn && data.documentsRequestedOn < data.startDate) {
    throw domainError('documentsRequestedOn', UserErrorCode.INVALID, 'Запрос документов раньше начала экспертизы');
  }
  if (data.type === ExpertiseType.EKMP) await assertQualityExpert(em, viewer);
  const catalogue = await catalogueVersionInForce(em, data.startDate);
  if (!catalogue) throw domainError('startDate', UserErrorCode.NOT_FOUND, `Нет перечня дефектов, действующего на ${data.startDate}`);
  let corrects: Expertise | null = null;
  if (data.correctsExpertiseId) {
    corrects = await em.findOne(Expertise, { id: data.correctsExpertiseId, refusalCase: refusalCase.id });
    if (!corrects) throw notFound('correctsExpertiseId', 'Исправляемая экспертиза');
    if (!isCorrectable(corrects.status)) {
      throw domainError('correctsExpertiseId', UserErrorCode.NOT_ALLOWED, 'Исправлять можно только подписанную экспертизу');
    }
  }
  await moveCaseUnderExpertise(em, viewer, refusalCase);
  const number = await reserveExpertiseNumber(em, refusalCase.smo.id, data.type, Number(data.startDate.slice(0, 4)));
  const expertise = em.create(Expertise, {
    refusalCase,
    smo: em.getReference(Organisation, refusalCase.smo.id),
    type: data.type,
    kind: data.kind,
    number,
    expert: em.getReference(User, viewer.userId),
    startDate: data.startDate,
    catalogueVersion: catalogue,
    documentsRequestedOn: data.documentsRequestedOn,
    corrects,
  });
  recordHistory(em, refusalCase.id, viewer, {
    kind: HistoryKind.EXPERTISE_OPENED,
    summary: `Открыта ${EXPERTISE_TYPE_LABEL[data.type]} ${number}${corrects ? ` (исправление ${corrects.number})` : ''}`,
  });
  await em.flush();
  return expertise;
}

const updateSchema = z.object({
  id: idSchema('Экспертиза'),
  version: z.number().int(),
  documentsRequestedOn: notFuture('Дата запроса документов').nullish(),
  documentsReceivedOn: notFuture('Дата поступления документов').nullish(),
});

export async function updateExpertise(em: EntityManager, viewer: Viewer, input: UpdateExpertiseInput): Promise<Expertise> {
  const data = validate(updateSchema, input);
  const expertise = await loadForSmoEdit(em, viewer, data.id, data.version, 'id');
  if (data.documentsRequestedOn !== undefined) expertise.documentsRequestedOn = data.documentsRequestedOn;
  if (data.documentsReceivedOn !== undefined) expertise.documentsReceivedOn = data.documentsReceivedOn;
  const { documentsRequestedOn: requested, documentsReceivedOn: received } = expertise;
  if (received && !requested) throw domainError('documentsReceivedOn', UserErrorCode.INVALID, 'Сначала укажите дату запроса документов');
  if (received && requested && received < requested) {
    throw domainError('documentsReceivedOn', UserErrorCode.INVALID, 'Документы поступили раньше, чем были запрошены');
  }
  recordHistory(em, expertise.refusalCase.id, viewer, {
    kind: HistoryKind.EXPERTISE_UPDATED,
    summary: `Изменены даты документов экспертизы ${expertise.number}`,
  });
  await em.flush();
  return expertise;
}
