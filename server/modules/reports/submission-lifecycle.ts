import { UserErrorCode } from '../../shared/errors.js';
import { defineLifecycle } from '../../shared/lifecycle.js';
import { SUBMISSION_STATUS_LABEL, SubmissionStatus } from './submission.entity.js';

export enum SubmissionTransition {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}

export interface SubmissionDecision {
  /** Whether the decision is about the SMO's latest version for the quarter. */
  latest: boolean;
  comment: string | null;
}

const NOT_LATEST = 'Решение принимается по последней сданной версии, ещё не рассмотренной';
const latestOnly = ({ latest }: SubmissionDecision) => (latest ? [] : [NOT_LATEST]);

/** The fund's decision on a submitted report: accepted, or returned with comments for a new version. */
export const SUBMISSION_LIFECYCLE = defineLifecycle<SubmissionStatus, SubmissionTransition, SubmissionDecision>({
  record: 'отчёт',
  stateLabel: SUBMISSION_STATUS_LABEL,
  refusalCode: UserErrorCode.NOT_ALLOWED,
  transitions: {
    ACCEPT: { label: 'принять', from: [SubmissionStatus.SUBMITTED], to: SubmissionStatus.ACCEPTED, wrongState: NOT_LATEST, veto: latestOnly },
    RETURN: {
      label: 'вернуть',
      from: [SubmissionStatus.SUBMITTED],
      to: SubmissionStatus.RETURNED,
      wrongState: NOT_LATEST,
      veto: (decision) => {
        if (!decision.latest) return latestOnly(decision);
        return decision.comment ? [] : [{ field: 'comment', code: UserErrorCode.REQUIRED, message: 'Напишите, что нужно исправить' }];
      },
    },
  },
});
