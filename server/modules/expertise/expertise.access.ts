import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, sql } from '../../db/sql.js';
import { canWriteExpertise, caseRecordScope, isCaseMo, mayDecideAppeals } from '../../access/records.js';
import { UserErrorCode, domainError, forbidden, notFound, staleVersion } from '../../shared/errors.js';
import { isUuid } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';

import { RefusalCase } from '../cases/refusal-case.entity.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition, isOpenForEdits } from './expertise-lifecycle.js';
import { Expertise } from './expertise.entity.js';

export async function findExpertise(em: EntityManager, viewer: Viewer, id: string): Promise<Expertise | null> {
  if (!isUuid(id)) return null;
  return em.findOne(Expertise, { $and: [{ id }, caseRecordScope(viewer)] }, { populate: ['refusalCase'] });
}

/** The MO's commission gives its position on the findings while the expertise is open. */
export const mayRecordMoPositions = (viewer: Viewer, expertise: Expertise, refusalCase: RefusalCase) =>
  isCaseMo(viewer, refusalCase) && isOpenForEdits(expertise.status);

/** Who may start each transition of an expertise; the fund's partial decision issues its revision itself. */
export function mayStart(viewer: Viewer, transition: ExpertiseTransition, expertise: Expertise, refusalCase: RefusalCase): boolean {
  switch (transition) {
    case ExpertiseTransition.DISCUSS:
    case ExpertiseTransition.CHANGE_FINDINGS:
    case ExpertiseTransition.SIGN:
      return canWriteExpertise(viewer, expertise);
    case ExpertiseTransition.APPEAL:
      return isCaseMo(viewer, refusalCase);
    case ExpertiseTransition.SETTLE:
      return mayDecideAppeals(viewer);
    case ExpertiseTransition.ISSUE_BY_FUND_DECISION:
      return false;
  }
}

/** The transitions a viewer may start from the expertise's present state (vetoes are asked when they do). */
export const transitionsFor = (viewer: Viewer, expertise: Expertise, refusalCase: RefusalCase) =>
  EXPERTISE_LIFECYCLE.transitionsFrom(expertise.status).filter((t) => mayStart(viewer, t, expertise, refusalCase));

export async function loadVisible(em: EntityManager, viewer: Viewer, id: string, field = 'expertiseId'): Promise<Expertise> {
  const expertise = await findExpertise(em, viewer, id);
  if (!expertise) throw notFound(field, 'Экспертиза');
  return expertise;
}

/**
 * Every writer of an expertise (the SMO's findings and signing, the MO's positions, the appeal)
 * takes its row lock first, until commit: they take turns, and each sees what the one before
 * it committed, so a race ends in the loser's typed refusal instead of a guard's exception.
 */
export async function lockExpertise(em: EntityManager, id: string): Promise<void> {
  if (isUuid(id)) await execute(em, sql`select 1 from expertise where id = ${id} for update`);
}

/**
 * The expertise an SMO expert is about to change: visible, theirs, unsigned, at the version they saw.
 * Its row stays locked until commit, so its writers (findings, discussion, signing) take turns and
 * each sees what the one before it committed.
 */
export async function loadForSmoEdit(em: EntityManager, viewer: Viewer, id: string, version?: number | null, field = 'expertiseId') {
  await lockExpertise(em, id);
  const expertise = await loadVisible(em, viewer, id, field);
  if (!canWriteExpertise(viewer, expertise)) throw forbidden('Изменять экспертизу может только эксперт СМО, которая её проводит');
  if (!isOpenForEdits(expertise.status)) {
    throw domainError(null, UserErrorCode.NOT_ALLOWED, 'Экспертиза подписана: исправления вносятся новой экспертизой-исправлением');
  }
  if (version != null && expertise.version !== version) throw staleVersion(expertise.version);
  return expertise;
}
