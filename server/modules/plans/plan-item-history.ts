import type { EntityManager } from '@mikro-orm/postgresql';
import { ruDate } from '../../shared/dates.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import type { FieldChange } from '../cases/case-history.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { RootCause } from '../reviews/review.entity.js';
import { PlanItemHistoryEntry } from './plan-item-history.entity.js';
import { PLAN_ITEM_STATUS_LABEL, type PlanItem } from './plan.entity.js';

/** What a plan item's history names, in the order it lists changes. */
export const PLAN_ITEM_FIELD_LABELS: Record<string, string> = {
  measure: 'Мероприятие',
  targets: 'МО-адресаты',
  responsibleOrganisation: 'Ответственная организация',
  responsiblePerson: 'Ответственное лицо',
  dueDate: 'Срок',
  defectCodes: 'Коды дефектов',
  rootCauses: 'Причины',
  status: 'Состояние',
  outcome: 'Итог выполнения',
};

/** The item as its history shows it: names, not identifiers. */
export async function itemSnapshot(em: EntityManager, item: PlanItem): Promise<Record<string, string | null>> {
  const [mos, causes] = await Promise.all([
    item.targetMoIds.length ? em.find(Organisation, { id: { $in: item.targetMoIds } }, { orderBy: { shortName: 'asc' } }) : [],
    item.rootCauseIds.length ? em.find(RootCause, { id: { $in: item.rootCauseIds } }, { orderBy: { name: 'asc' } }) : [],
  ]);
  return {
    measure: item.measure,
    targets: mos.length ? mos.map((o) => o.shortName).join(', ') : 'все МО',
    responsibleOrganisation: item.responsibleOrganisation,
    responsiblePerson: item.responsiblePerson,
    dueDate: ruDate(item.dueDate),
    defectCodes: item.defectCodes.join(', ') || null,
    rootCauses: causes.map((c) => c.name).join(', ') || null,
    status: PLAN_ITEM_STATUS_LABEL[item.status],
    outcome: item.outcome,
  };
}

export function recordItemHistory(
  em: EntityManager,
  item: PlanItem,
  actor: Viewer,
  event: { summary: string; changes?: FieldChange[]; aboutMo?: Organisation },
): void {
  em.create(PlanItemHistoryEntry, { item, actor: em.getReference(User, actor.userId), ...event });
}
