import type { EntityManager } from '@mikro-orm/postgresql';
import { registerLabelledEnum } from '../../graphql/enums.js';
import { UserErrorCode } from '../../shared/errors.js';
import { defineLifecycle } from '../../shared/lifecycle.js';
import { Discussion, type Expertise } from './expertise.entity.js';
import { EXPERTISE_STATUS_LABEL, ExpertiseStatus } from './expertise.enums.js';

export enum ExpertiseTransition {
  DISCUSS = 'DISCUSS',
  CHANGE_FINDINGS = 'CHANGE_FINDINGS',
  SIGN = 'SIGN',
  ISSUE_BY_FUND_DECISION = 'ISSUE_BY_FUND_DECISION',
  APPEAL = 'APPEAL',
  SETTLE = 'SETTLE',
}

const OPEN_STATUSES = [ExpertiseStatus.DRAFT, ExpertiseStatus.DISCUSSION] as const;

/** Findings, dates and discussions of an expertise change only before it is signed. */
export const isOpenForEdits = (status: ExpertiseStatus) => (OPEN_STATUSES as readonly ExpertiseStatus[]).includes(status);
export const openForEditsSql = (alias: string) => `${alias}.status in ('DRAFT', 'DISCUSSION')`;

/** A signed conclusion: signed, under appeal or settled. Its findings and sums never change. */
export const isSigned = (status: ExpertiseStatus) => !isOpenForEdits(status);

/** An expertise no longer holds its case open: signed and not disputed, or settled by the fund. */
export const isFinal = (status: ExpertiseStatus) => status === ExpertiseStatus.SIGNED || status === ExpertiseStatus.SETTLED;

/** A signed conclusion that is not under appeal is corrected by a new expertise that corrects it. */
export const isCorrectable = (status: ExpertiseStatus) => status === ExpertiseStatus.SIGNED;

/**
 * Ready to sign: the findings as they are now were discussed with the MO (the council decision's
 * rule). SQL form for the task list beside it.
 */
export async function signingVetoes(em: EntityManager, expertise: Expertise): Promise<string[]> {
  if (await em.count(Discussion, { expertise: expertise.id, findingsRevision: expertise.findingsRevision })) return [];
  return (await em.count(Discussion, { expertise: expertise.id }))
    ? ['Подписание невозможно: замечания изменены после совместного разбора с МО — проведите разбор заново']
    : ['Подписание невозможно: не проведён совместный разбор замечаний с представителями МО'];
}
/** The findings as they are now were discussed with the MO (SQL). */
export const discussedAtCurrentRevisionSql = (alias: string) =>
  `exists (select 1 from expertise_discussion d where d.expertise_id = ${alias}.id and d.findings_revision = ${alias}.findings_revision)`;
export const readyToSignSql = (alias: string) => `${alias}.status = 'DISCUSSION' and ${discussedAtCurrentRevisionSql(alias)}`;

/**
 * A conclusion the fund issued on an appeal, revising the appealed one (SQL): not the SMO's to send, not counted twice.
 * Asked as `in` (revisions are few: hashed once per statement), not as `exists` per row: the report asks it of every
 * expertise of the quarter.
 */
export const issuedByFundSql = (alias: string) =>
  `${alias}.id in (select r.revised_expertise_id from expertise_appeal r where r.revised_expertise_id is not null)`;

export interface ExpertiseMove {
  em: EntityManager;
  expertise: Expertise;
}

const ALREADY_SIGNED = 'Экспертиза уже подписана';

/** The lifecycle of an expertise: draft → discussion with the MO → signed → disputed → settled. */
export const EXPERTISE_LIFECYCLE = defineLifecycle<ExpertiseStatus, ExpertiseTransition, ExpertiseMove>({
  record: 'экспертиза',
  stateLabel: EXPERTISE_STATUS_LABEL,
  refusalCode: UserErrorCode.NOT_ALLOWED,
  transitions: {
    DISCUSS: { label: 'записать совместный разбор с МО', from: OPEN_STATUSES, to: ExpertiseStatus.DISCUSSION, wrongState: ALREADY_SIGNED },
    // Changed findings need a new discussion with the MO before signing.
    CHANGE_FINDINGS: { label: 'изменить замечания', from: OPEN_STATUSES, to: ExpertiseStatus.DRAFT, wrongState: ALREADY_SIGNED },
    SIGN: {
      label: 'подписать заключение',
      from: OPEN_STATUSES,
      to: ExpertiseStatus.SIGNED,
      wrongState: ALREADY_SIGNED,
      veto: ({ em, expertise }) => signingVetoes(em, expertise),
    },
    // A partly upheld appeal yields a new expertise signed by the fund's decision, without a discussion.
    ISSUE_BY_FUND_DECISION: { label: 'оформить по решению ТФОМС', from: [ExpertiseStatus.DRAFT], to: ExpertiseStatus.SIGNED },
    APPEAL: {
      label: 'обжаловать в ТФОМС',
      from: [ExpertiseStatus.SIGNED],
      to: ExpertiseStatus.DISPUTED,
      wrongState: 'Обжаловать можно только подписанное заключение, ещё не обжалованное',
    },
    SETTLE: {
      label: 'записать решение ТФОМС по спору',
      from: [ExpertiseStatus.DISPUTED],
      to: ExpertiseStatus.SETTLED,
      wrongState: 'По этой экспертизе нет обжалования, ожидающего решения',
    },
  },
});

registerLabelledEnum(ExpertiseTransition, 'ExpertiseTransition', 'Переход экспертизы в другое состояние', EXPERTISE_LIFECYCLE.transitionLabels());
