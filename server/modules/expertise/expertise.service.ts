import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import { canEditCase } from '../../access/records.js';
import { z } from 'zod';
import { UserErrorCode, domainError, forbidden, notFound } from '../../shared/errors.js';
import { MONEY, sanction } from '../../shared/money.js';
import { idSchema, notFuture, text, validate } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import { applyTransition, CaseTransition } from '../cases/case-lifecycle.js';
import { CaseState } from '../cases/case-state.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { findCase } from '../cases/refusal-case.service.js';
import { catalogueVersionInForce } from '../catalogue/catalogue.service.js';
import { DefectCode, SECTION_NAME } from '../catalogue/defect-code.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { loadForSmoEdit } from './expertise.access.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition, isCorrectable } from './expertise-lifecycle.js';
import { Expertise, Finding } from './expertise.entity.js';
import { EXPERTISE_TYPE_LABEL, ExpertiseKind, ExpertiseType, SECTION_OF_TYPE } from './expertise.enums.js';
import { CareKind } from '../norms/care-kind.js';
import type { AddFindingInput, OpenExpertiseInput, UpdateExpertiseInput } from './expertise.inputs.js';

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

export async function openExpertise(em: EntityManager, viewer: Viewer, input: OpenExpertiseInput): Promise<Expertise> {
  const data = validate(openSchema, input);
  const refusalCase = await findCase(em, viewer, data.caseId);
  if (!refusalCase) throw notFound('caseId', 'Случай');
  if (!canEditCase(viewer, refusalCase)) throw forbidden('Экспертизу открывает эксперт СМО, застраховавшей лицо');
  if (data.documentsRequestedOn && data.documentsRequestedOn < data.startDate) {
    throw domainError('documentsRequestedOn', UserErrorCode.INVALID, 'Запрос документов раньше начала экспертизы');
  }
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

const findingSchema = z.object({
  expertiseId: idSchema('Экспертиза'),
  code: z
    .string()
    .trim()
    .min(1, { message: 'Укажите код дефекта' })
    .transform((c) => c.replace(/\.$/, '')),
  description: text(4000, 'Описание нарушения'),
  careEpisode: text(500, 'Случай оказания помощи'),
  careKind: z.enum(CareKind),
  tariff: z.string().trim().regex(MONEY, { message: 'RT: рубли с копейками, например 45210.50' }),
});

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

async function markFindingsChanged(em: EntityManager, viewer: Viewer, expertise: Expertise, summary: string) {
  expertise.findingsRevision += 1;
  expertise.status = await EXPERTISE_LIFECYCLE.move(ExpertiseTransition.CHANGE_FINDINGS, expertise.status, { em, expertise }, { field: null });
  recordHistory(em, expertise.refusalCase.id, viewer, { kind: HistoryKind.FINDINGS_CHANGED, summary });
}

export async function addFinding(em: EntityManager, viewer: Viewer, input: AddFindingInput): Promise<Finding> {
  const data = validate(findingSchema, input);
  const expertise = await loadForSmoEdit(em, viewer, data.expertiseId);
  const code = await em.findOne(DefectCode, { catalogueVersion: expertise.catalogueVersion.id, code: data.code });
  assertCodeFits(code, expertise, data.code);
  const finding = em.create(Finding, {
    expertise,
    defectCode: code,
    description: data.description,
    careEpisode: data.careEpisode,
    careKind: data.careKind,
    tariff: data.tariff,
    amountNotPaid: sanction(data.tariff, code.nonPaymentCoefficient),
  });
  await markFindingsChanged(em, viewer, expertise, `Экспертиза ${expertise.number}: добавлено замечание по коду ${code.code}`);
  await em.flush();
  return finding;
}

export async function removeFinding(em: EntityManager, viewer: Viewer, findingId: string): Promise<Expertise> {
  const id = validate(idSchema('Замечание'), findingId, 'findingId');
  const finding = await em.findOne(Finding, { id }, { populate: ['defectCode'] });
  if (!finding) throw notFound('findingId', 'Замечание');
  const expertise = await loadForSmoEdit(em, viewer, finding.expertise.id, null, 'findingId');
  em.remove(finding);
  await markFindingsChanged(em, viewer, expertise, `Экспертиза ${expertise.number}: удалено замечание по коду ${finding.defectCode.code}`);
  await em.flush();
  return expertise;
}
