import { registerEnumType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, UserErrorCode } from '../../shared/errors.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from './case-history.entity.js';
import { recordHistory } from './case-history.service.js';
import { CASE_STATE_LABEL, CaseState } from './case-state.js';
import { whatPreventsClosing } from './closing-rules.js';
import type { RefusalCase } from './refusal-case.entity.js';

export enum CaseTransition {
  START_EXPERTISE = 'START_EXPERTISE',
  SEND_TO_MO_REVIEW = 'SEND_TO_MO_REVIEW',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}

registerEnumType(CaseTransition, {
  name: 'CaseTransition',
  description: 'Переход случая в другое состояние',
  valuesConfig: {
    START_EXPERTISE: { description: 'начать экспертизу' },
    SEND_TO_MO_REVIEW: { description: 'передать на разбор в МО' },
    CLOSE: { description: 'закрыть' },
    REOPEN: { description: 'открыть повторно' },
  },
});

export interface TransitionRequest {
  em: EntityManager;
  refusalCase: RefusalCase;
  reason: string | null;
}

interface TransitionRule {
  label: string;
  from: CaseState[];
  to: CaseState;
  /** Says why the transition is not allowed now: every reason, or none when it is. */
  veto?: (request: TransitionRequest) => string[] | Promise<string[]>;
}

/** The lifecycle of a refusal case: every allowed move, and the one check that can stop it. */
export const CASE_TRANSITIONS: Record<CaseTransition, TransitionRule> = {
  START_EXPERTISE: {
    label: 'начать экспертизу',
    from: [CaseState.REGISTERED, CaseState.REOPENED, CaseState.AWAITING_MO_REVIEW],
    to: CaseState.UNDER_EXPERTISE,
  },
  SEND_TO_MO_REVIEW: {
    label: 'передать на разбор в МО',
    from: [CaseState.REGISTERED, CaseState.UNDER_EXPERTISE, CaseState.REOPENED],
    to: CaseState.AWAITING_MO_REVIEW,
  },
  CLOSE: {
    label: 'закрыть',
    from: [CaseState.REGISTERED, CaseState.UNDER_EXPERTISE, CaseState.AWAITING_MO_REVIEW, CaseState.REOPENED],
    to: CaseState.CLOSED,
    veto: ({ em, refusalCase }) => whatPreventsClosing(em, refusalCase.id),
  },
  REOPEN: {
    label: 'открыть повторно',
    from: [CaseState.CLOSED],
    to: CaseState.REOPENED,
    veto: ({ reason }) => (reason ? [] : ['Укажите причину повторного открытия случая']),
  },
};

/** Why the case cannot make this transition now: every reason; empty when it can. */
export async function transitionVetoes(transition: CaseTransition, request: TransitionRequest): Promise<string[]> {
  const rule = CASE_TRANSITIONS[transition];
  const state = request.refusalCase.state;
  if (!rule.from.includes(state)) {
    return [`Нельзя ${rule.label}: случай в состоянии «${CASE_STATE_LABEL[state]}»`];
  }
  return (await rule.veto?.(request)) ?? [];
}

/**
 * The one way a case changes state: the transition's vetoes are asked, and the move is written to
 * the case's history. `field` names the input the refusal is reported on; `summary` says why the
 * case moved when another action (opening or signing an expertise) moved it.
 */
export async function applyTransition(
  em: EntityManager,
  viewer: Viewer,
  refusalCase: RefusalCase,
  transition: CaseTransition,
  options: { field: string; reason?: string | null; summary?: string },
): Promise<void> {
  const reason = options.reason ?? null;
  const vetoes = await transitionVetoes(transition, { em, refusalCase, reason });
  if (vetoes.length) {
    throw new DomainError(vetoes.map((message) => ({ field: options.field, code: UserErrorCode.INVALID_TRANSITION, message })));
  }
  const from = refusalCase.state;
  refusalCase.state = CASE_TRANSITIONS[transition].to;
  recordHistory(em, refusalCase.id, viewer, {
    kind: HistoryKind.STATE_CHANGED,
    summary: options.summary ?? (reason ? `Состояние изменено: ${reason}` : 'Состояние изменено'),
    changes: [{ field: 'state', label: 'Состояние', from: CASE_STATE_LABEL[from], to: CASE_STATE_LABEL[refusalCase.state] }],
  });
}

export function transitionsFrom(state: CaseState): CaseTransition[] {
  return (Object.keys(CASE_TRANSITIONS) as CaseTransition[]).filter((t) => CASE_TRANSITIONS[t].from.includes(state));
}

/** Cases in these states accept edits of their fields. */
export const isEditable = (state: CaseState) => state !== CaseState.CLOSED;
