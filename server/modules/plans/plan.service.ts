import type { EntityManager } from '@mikro-orm/postgresql';
import { isAddressedTo, mayKeepPlanOf } from '../../access/records.js';
import { z } from 'zod';
import { DomainError, UserErrorCode, domainError, forbidden, notFound, staleVersion, invalidArgument } from '../../shared/errors.js';
import { PLAN_ITEM_LIFECYCLE, planItemVetoes } from './plan-lifecycle.js';
import { idSchema, isUuid, text, validate, optionalNote } from '../../shared/validation.js';
import { Role } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { previousQuarter, quarterBounds } from '../../shared/quarters.js';
import { DefectCode } from '../catalogue/defect-code.entity.js';
import { OrganisationKind } from '../organisations/organisation-kind.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { RootCause } from '../reviews/review.entity.js';
import { ImprovementPlan, PLAN_ITEM_STATUS_LABEL, PlanItem, PlanItemConfirmation, PlanItemStatus } from './plan.entity.js';
import type { AddPlanItemInput, UpdatePlanItemInput } from './plan.inputs.js';

/** The plan an SMO expert writes: their own SMO's. */
async function planForSmoEdit(em: EntityManager, viewer: Viewer, planId: string, field = 'planId') {
  const plan = isUuid(planId) ? await em.findOne(ImprovementPlan, { id: planId }) : null;
  if (!plan || (viewer.role === Role.SMO_EXPERT && plan.smo.id !== viewer.organisationId)) throw notFound(field, 'План');
  if (!mayKeepPlanOf(viewer, plan.smo.id)) throw forbidden('План ведёт эксперт СМО');
  return plan;
}

/**
 * Opens the SMO's plan for a quarter. Items of the previous quarter's plan that were not done
 * come along, each carrying its outcome so far.
 */
export async function openImprovementPlan(em: EntityManager, viewer: Viewer, year: number, quarter: number): Promise<ImprovementPlan> {
  quarterBounds(year, quarter);
  const smoId = viewer.organisationId!;
  const existing = await em.findOne(ImprovementPlan, { smo: smoId, year, quarter });
  if (existing) return existing;
  const plan = em.create(ImprovementPlan, { smo: em.getReference(Organisation, smoId), year, quarter, createdBy: em.getReference(User, viewer.userId) });
  const prev = previousQuarter(year, quarter);
  const earlier = await em.findOne(ImprovementPlan, { smo: smoId, year: prev.year, quarter: prev.quarter });
  if (earlier) {
    const unfinished = await em.find(PlanItem, { plan: earlier.id, status: { $ne: PlanItemStatus.DONE } }, { orderBy: { createdAt: 'asc' } });
    for (const item of unfinished) {
      em.create(PlanItem, {
        plan,
        measure: item.measure,
        targetMoIds: item.targetMoIds,
        responsibleOrganisation: item.responsibleOrganisation,
        responsiblePerson: item.responsiblePerson,
        dueDate: item.dueDate,
        defectCodes: item.defectCodes,
        rootCauseIds: item.rootCauseIds,
        carriedFrom: item,
        outcome: `Перенесено из плана ${prev.quarter} квартала ${prev.year} года (${PLAN_ITEM_STATUS_LABEL[item.status]})${item.outcome ? `: ${item.outcome}` : ''}`,
      });
    }
  }
  await em.flush();
  return plan;
}

const itemSchema = z.object({
  planId: idSchema('План'),
  measure: text(2000, 'Мероприятие'),
  targetMoIds: z
    .array(idSchema('МО'))
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
  responsibleOrganisation: text(300, 'Ответственная организация'),
  responsiblePerson: text(300, 'Ответственное лицо'),
  dueDate: z.iso.date({ message: 'Срок: дата ГГГГ-ММ-ДД' }),
  defectCodes: z
    .array(z.string().trim().min(1))
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
  rootCauseIds: z
    .array(idSchema('Причина'))
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
});

export async function addPlanItem(em: EntityManager, viewer: Viewer, input: AddPlanItemInput): Promise<PlanItem> {
  const data = validate(itemSchema, input);
  const plan = await planForSmoEdit(em, viewer, data.planId);
  if ((await em.count(Organisation, { id: { $in: data.targetMoIds }, kind: OrganisationKind.MO })) !== data.targetMoIds.length) {
    throw domainError('targetMoIds', UserErrorCode.NOT_FOUND, 'Среди адресатов есть организация, которая не является МО');
  }
  const knownCodes = new Set((await em.find(DefectCode, { code: { $in: data.defectCodes } }, { fields: ['code'] })).map((c) => c.code));
  const unknown = data.defectCodes.filter((c) => !knownCodes.has(c));
  if (unknown.length) throw domainError('defectCodes', UserErrorCode.NOT_FOUND, `Нет в перечне: ${unknown.join(', ')}`);
  if ((await em.count(RootCause, { id: { $in: data.rootCauseIds } })) !== data.rootCauseIds.length) {
    throw domainError('rootCauseIds', UserErrorCode.NOT_FOUND, 'Такой причины нет в справочнике');
  }
  const { planId: _p, ...fields } = data;
  const item = em.create(PlanItem, { ...fields, plan });
  await em.flush();
  return item;
}

const updateSchema = z.object({
  id: idSchema('Пункт плана'),
  version: z.number().int(),
  status: z.enum(PlanItemStatus).nullish(),
  outcome: z.string().trim().max(4000).nullish(),
  dueDate: z.iso.date({ message: 'Срок: дата ГГГГ-ММ-ДД' }).nullish(),
});

export async function updatePlanItem(em: EntityManager, viewer: Viewer, input: UpdatePlanItemInput): Promise<PlanItem> {
  const data = validate(updateSchema, input);
  const item = await em.findOne(PlanItem, { id: data.id });
  if (!item) throw notFound('id', 'Пункт плана');
  await planForSmoEdit(em, viewer, item.plan.id, 'id');
  if (item.version !== data.version) throw staleVersion(item.version);
  if (data.outcome != null) item.outcome = data.outcome || null;
  if (data.dueDate) item.dueDate = data.dueDate;
  const move = { outcome: item.outcome };
  if (data.status && data.status !== item.status) {
    item.status = await PLAN_ITEM_LIFECYCLE.moveTo(item.status, data.status, move, { field: 'status' });
  }
  const vetoes = planItemVetoes(move, item.status);
  if (vetoes.length) throw new DomainError(vetoes);
  await em.flush();
  return item;
}

const confirmSchema = z
  .object({
    itemId: idSchema('Пункт плана'),
    agreed: z.boolean(),
    comment: optionalNote(4000),
  })
  .refine((c) => c.agreed || Boolean(c.comment), { path: ['comment'], message: 'Если не согласны, напишите замечания' });

/** The MO's part of the joint planning: it agrees with the items addressed to it, or comments on them. */
export async function confirmPlanItem(em: EntityManager, viewer: Viewer, input: { itemId: string; agreed: boolean; comment?: string | null }) {
  const data = validate(confirmSchema, input);
  const item = await em.findOne(PlanItem, { id: data.itemId });
  if (!item || !isAddressedTo(item, viewer.organisationId)) throw notFound('itemId', 'Пункт плана, адресованный вашей МО');
  const mo = em.getReference(Organisation, viewer.organisationId!);
  const existing = await em.findOne(PlanItemConfirmation, { item: item.id, mo: mo.id });
  const fields = { agreed: data.agreed, comment: data.comment, confirmedBy: em.getReference(User, viewer.userId), confirmedAt: new Date() };
  if (existing) em.assign(existing, fields);
  else em.create(PlanItemConfirmation, { item, mo, ...fields });
  await em.flush();
  return item;
}

/** The plan as a viewer may read it: an SMO its own; an MO the items addressed to it; the fund any SMO's. */
export async function readablePlan(em: EntityManager, viewer: Viewer, year: number, quarter: number, smoId?: string | null) {
  const smo = viewer.role === Role.SMO_EXPERT ? viewer.organisationId : smoId;
  if (!smo || !isUuid(smo)) {
    if (viewer.role === Role.SMO_EXPERT) return null;
    throw invalidArgument('smoId', 'Укажите СМО (smoId)');
  }
  return em.findOne(ImprovementPlan, { smo, year, quarter });
}

export async function visibleItems(em: EntityManager, viewer: Viewer, planId: string): Promise<PlanItem[]> {
  const items = await em.find(PlanItem, { plan: planId }, { orderBy: { createdAt: 'asc' } });
  return viewer.role === Role.MO_COMMISSION ? items.filter((i) => isAddressedTo(i, viewer.organisationId)) : items;
}
