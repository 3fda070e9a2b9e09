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
import { diffFields } from '../cases/case-history.service.js';
import { PLAN_ITEM_FIELD_LABELS, itemSnapshot, recordItemHistory } from './plan-item-history.js';

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

/** Addressees are MOs, codes are in the catalogue, causes in the reference list: for a new item and a changed one alike. */
async function checkTerms(em: EntityManager, terms: { targetMoIds?: string[] | null; defectCodes?: string[] | null; rootCauseIds?: string[] | null }) {
  const { targetMoIds, defectCodes, rootCauseIds } = terms;
  if (targetMoIds?.length && (await em.count(Organisation, { id: { $in: targetMoIds }, kind: OrganisationKind.MO })) !== targetMoIds.length) {
    throw domainError('targetMoIds', UserErrorCode.NOT_FOUND, 'Среди адресатов есть организация, которая не является МО');
  }
  if (defectCodes?.length) {
    const knownCodes = new Set((await em.find(DefectCode, { code: { $in: defectCodes } }, { fields: ['code'] })).map((c) => c.code));
    const unknown = defectCodes.filter((c) => !knownCodes.has(c));
    if (unknown.length) throw domainError('defectCodes', UserErrorCode.NOT_FOUND, `Нет в перечне: ${unknown.join(', ')}`);
  }
  if (rootCauseIds?.length && (await em.count(RootCause, { id: { $in: rootCauseIds } })) !== rootCauseIds.length) {
    throw domainError('rootCauseIds', UserErrorCode.NOT_FOUND, 'Такой причины нет в справочнике');
  }
}

export async function addPlanItem(em: EntityManager, viewer: Viewer, input: AddPlanItemInput): Promise<PlanItem> {
  const data = validate(itemSchema, input);
  const plan = await planForSmoEdit(em, viewer, data.planId);
  await checkTerms(em, data);
  const { planId: _p, ...fields } = data;
  const item = em.create(PlanItem, { ...fields, plan });
  recordItemHistory(em, item, viewer, { summary: 'Пункт добавлен в план' });
  await em.flush();
  return item;
}

const uniqueOrUnchanged = <T extends z.ZodType<string>>(element: T) =>
  z
    .array(element)
    .nullish()
    .transform((v) => (v == null ? undefined : [...new Set(v)]));

const updateSchema = z.object({
  id: idSchema('Пункт плана'),
  version: z.number().int(),
  status: z.enum(PlanItemStatus).nullish(),
  outcome: z.string().trim().max(4000).nullish(),
  measure: text(2000, 'Мероприятие').nullish(),
  targetMoIds: uniqueOrUnchanged(idSchema('МО')),
  responsibleOrganisation: text(300, 'Ответственная организация').nullish(),
  responsiblePerson: text(300, 'Ответственное лицо').nullish(),
  dueDate: z.iso.date({ message: 'Срок: дата ГГГГ-ММ-ДД' }).nullish(),
  defectCodes: uniqueOrUnchanged(z.string().trim().min(1)),
  rootCauseIds: uniqueOrUnchanged(idSchema('Причина')),
});

/** The terms of an item the SMO may change until it is done; the others are its progress. */
const TERMS = ['measure', 'targetMoIds', 'responsibleOrganisation', 'responsiblePerson', 'dueDate', 'defectCodes', 'rootCauseIds'] as const;

/** Terms the MOs agreed to: when one changes, their agreement no longer holds and they are asked again. */
const AGREED_TERMS = new Set(['measure', 'targets', 'responsibleOrganisation', 'responsiblePerson', 'dueDate']);

export async function updatePlanItem(em: EntityManager, viewer: Viewer, input: UpdatePlanItemInput): Promise<PlanItem> {
  const data = validate(updateSchema, input);
  const item = await em.findOne(PlanItem, { id: data.id });
  if (!item) throw notFound('id', 'Пункт плана');
  await planForSmoEdit(em, viewer, item.plan.id, 'id');
  if (item.version !== data.version) throw staleVersion(item.version);
  const changedTerm = TERMS.find((term) => data[term] != null);
  if (changedTerm && item.status === PlanItemStatus.DONE) {
    throw domainError(changedTerm, UserErrorCode.NOT_ALLOWED, 'Пункт выполнен: его условия больше не меняются');
  }
  await checkTerms(em, data);
  const before = await itemSnapshot(em, item);
  for (const term of TERMS) if (data[term] != null) Object.assign(item, { [term]: data[term] });
  if (data.outcome != null) item.outcome = data.outcome || null;
  const move = { outcome: item.outcome };
  if (data.status && data.status !== item.status) {
    item.status = await PLAN_ITEM_LIFECYCLE.moveTo(item.status, data.status, move, { field: 'status' });
  }
  const vetoes = planItemVetoes(move, item.status);
  if (vetoes.length) throw new DomainError(vetoes);
  const changes = diffFields(PLAN_ITEM_FIELD_LABELS, before, await itemSnapshot(em, item));
  if (changes.length) {
    const reset = changes.some((c) => AGREED_TERMS.has(c.field)) && (await resetConfirmations(em, item));
    recordItemHistory(em, item, viewer, { summary: reset ? 'Пункт изменён; МО согласуют его заново' : 'Пункт изменён', changes });
  }
  await em.flush();
  return item;
}

/** Removes the MOs' answers to the item's former terms (their history keeps them); answers whether there were any. */
async function resetConfirmations(em: EntityManager, item: PlanItem): Promise<boolean> {
  const confirmations = await em.find(PlanItemConfirmation, { item: item.id });
  em.remove(confirmations);
  return confirmations.length > 0;
}

const answerText = (agreed: boolean, comment: string | null) => (agreed ? 'согласовано' : 'замечания') + (comment ? `: ${comment}` : '');

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
  const mo = await em.findOneOrFail(Organisation, { id: viewer.organisationId! });
  const existing = await em.findOne(PlanItemConfirmation, { item: item.id, mo: mo.id });
  const fields = { agreed: data.agreed, comment: data.comment, confirmedBy: em.getReference(User, viewer.userId), confirmedAt: new Date() };
  if (existing) em.assign(existing, fields);
  else em.create(PlanItemConfirmation, { item, mo, ...fields });
  recordItemHistory(em, item, viewer, { summary: `${mo.shortName}: ${answerText(data.agreed, data.comment)}`, aboutMo: mo });
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
