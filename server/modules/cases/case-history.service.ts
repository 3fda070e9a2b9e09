import { newId } from '../../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { User } from '../auth/user.entity.js';
import { CaseHistoryEntry, type FieldChange, type HistoryKind } from './case-history.entity.js';
import { RefusalCase } from './refusal-case.entity.js';

let lastStamp = 0;
/** Strictly increasing timestamps, so that entries written in one request keep their order. */
function nextStamp(): Date {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp);
}

export interface HistoryEvent {
  kind: HistoryKind;
  summary: string;
  changes?: FieldChange[];
}

export function recordHistory(em: EntityManager, caseId: string, actor: Viewer | null, event: HistoryEvent): CaseHistoryEntry {
  return em.create(CaseHistoryEntry, {
    refusalCase: em.getReference(RefusalCase, caseId),
    actor: actor ? em.getReference(User, actor.userId) : null,
    occurredAt: nextStamp(),
    kind: event.kind,
    summary: event.summary,
    changes: event.changes ?? [],
  });
}

/** The same entry as the columns of a `case_history` row, for writes made in SQL. */
export function historyRow(caseId: string, actor: Pick<Viewer, 'userId'> | null, event: HistoryEvent): Record<string, unknown> {
  return {
    id: newId(),
    refusal_case_id: caseId,
    actor_id: actor?.userId ?? null,
    occurred_at: nextStamp(),
    kind: event.kind,
    summary: event.summary,
    changes: JSON.stringify(event.changes ?? []),
  };
}

/** The changes between two snapshots of labelled fields, in the order of the labels. */
export function diffFields(labels: Record<string, string>, before: Record<string, string | null>, after: Record<string, string | null>): FieldChange[] {
  return Object.keys(labels)
    .filter((field) => (before[field] ?? null) !== (after[field] ?? null))
    .map((field) => ({ field, label: labels[field], from: before[field] ?? null, to: after[field] ?? null }));
}
