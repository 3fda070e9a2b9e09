import type { EntityManager } from '@mikro-orm/postgresql';
import { reasonsByCase } from '../cases/case-closing.js';
import { isFinal } from './expertise-lifecycle.js';
import { Expertise } from './expertise.entity.js';
import { EXPERTISE_STATUS_LABEL, EXPERTISE_TYPE_LABEL } from './expertise.enums.js';

/** A case stays open while an expertise of it is unfinished. */
export async function unfinishedExpertises(em: EntityManager, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const expertises = await em.find(Expertise, { refusalCase: { $in: [...caseIds] } }, { orderBy: { createdAt: 'asc' } });
  return reasonsByCase(
    caseIds,
    expertises.filter((e) => !isFinal(e.status)),
    (e) => e.refusalCase.id,
    (e) => `${EXPERTISE_TYPE_LABEL[e.type]} ${e.number} не завершена (${EXPERTISE_STATUS_LABEL[e.status]})`,
  );
}
