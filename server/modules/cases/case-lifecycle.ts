import type { EntityManager } from '@mikro-orm/postgresql';
import { UserErrorCode } from '../../shared/errors.js';
import { defineLifecycle } from '../../shared/lifecycle.js';
import { registerLabelledEnum } from '../../graphql/enums.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from './case-history.entity.js';
import { recordHistory } from './case-history.service.js';
import { CASE_STATE_LABEL, CaseState } from './case-state.js';
import { whatPreventsClosing } from './case-closing.js';
import type { RefusalCase } from './refusal-case.entity.js';

export enum CaseTransition {
  START_EXPERTISE = 'START_EXPERTISE',
  SEND_TO_MO_REVIEW = 'SEND_TO_MO_REVIEW',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}

export interface TransitionRequest {
  em: EntityManager;
  viewer: Viewer;
  refusalCase: RefusalCase;
  reason: string | null;
  /** Why the case moved, when another action (opening or signing an expertise) moved it. */
  summary?: string;
}

/** The lifecycle of a refusal case: every allowed move, and the one check that can stop it. */
export const CASE_LIFECYCLE = defineLifecycle<CaseState, CaseTransition, TransitionRequest>({
  record: 'случай',
  stateLabel: CASE_STATE_LABEL,
  refusalCode: UserErrorCode.INVALID_TRANSITION,
  onMove: ({ em, viewer, refusalCase, reason, summary }, { from, to }) =>
    recordHistory(em, refusalCase.id, viewer, {
      kind: HistoryKind.STATE_CHANGED,
      summary: summary ?? (reason ? `Состояние изменено: ${reason}` : 'Состояние изменено'),
      changes: [{ field: 'state', label: 'Состояние', from: CASE_STATE_LABEL[from], to: CASE_STATE_LABEL[to] }],
    }),
  transitions: {
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
  },
});

/**
 * The one way a case changes state: the transition's vetoes are asked, and the move is written to
 * the case's history. `field` names the input the refusal is reported on.
 */
export async function applyTransition(
  em: EntityManager,
  viewer: Viewer,
  refusalCase: RefusalCase,
  transition: CaseTransition,
  options: { field: string; reason?: string | null; summary?: string },
): Promise<void> {
  const request = { em, viewer, refusalCase, reason: options.reason ?? null, summary: options.summary };
  refusalCase.state = await CASE_LIFECYCLE.move(transition, refusalCase.state, request, options);
}

export const transitionsFrom = (state: CaseState): CaseTransition[] => CASE_LIFECYCLE.transitionsFrom(state);

registerLabelledEnum(CaseTransition, 'CaseTransition', 'Переход случая в другое состояние', CASE_LIFECYCLE.transitionLabels());

/** Cases in these states accept edits of their fields. */
export const isEditable = (state: CaseState) => state !== CaseState.CLOSED;
