import { registerEnumType } from 'type-graphql';
import { CASE_STATE_LABEL, CaseState } from './case-state.js';
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
  refusalCase: RefusalCase;
  reason: string | null;
}

interface TransitionRule {
  label: string;
  from: CaseState[];
  to: CaseState;
  /** Says why the transition is not allowed now, or null when it is. */
  veto?: (request: TransitionRequest) => string | null | Promise<string | null>;
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
  },
  REOPEN: {
    label: 'открыть повторно',
    from: [CaseState.CLOSED],
    to: CaseState.REOPENED,
    veto: ({ reason }) => (reason ? null : 'Укажите причину повторного открытия случая'),
  },
};

/** Why the case cannot make this transition now; null when it can. */
export async function transitionVeto(transition: CaseTransition, request: TransitionRequest): Promise<string | null> {
  const rule = CASE_TRANSITIONS[transition];
  const state = request.refusalCase.state;
  if (!rule.from.includes(state)) {
    return `Нельзя ${rule.label}: случай в состоянии «${CASE_STATE_LABEL[state]}»`;
  }
  return (await rule.veto?.(request)) ?? null;
}

export function transitionsFrom(state: CaseState): CaseTransition[] {
  return (Object.keys(CASE_TRANSITIONS) as CaseTransition[]).filter((t) => CASE_TRANSITIONS[t].from.includes(state));
}

/** Cases in these states accept edits of their fields. */
export const isEditable = (state: CaseState) => state !== CaseState.CLOSED;
