import type { EntityManager } from '@mikro-orm/postgresql';
import { isFinal } from './expertise-lifecycle.js';
import { Expertise } from './expertise.entity.js';
import { EXPERTISE_STATUS_LABEL, EXPERTISE_TYPE_LABEL } from './expertise.enums.js';

/** A case stays open while an expertise of it is unfinished. */
export async function unfinishedExpertises(em: EntityManager, caseId: string): Promise<string[]> {
  const expertises = await em.find(Expertise, { refusalCase: caseId }, { orderBy: { createdAt: 'asc' } });
  return expertises
    .filter((e) => !isFinal(e.status))
    .map((e) => `${EXPERTISE_TYPE_LABEL[e.type]} ${e.number} не завершена (${EXPERTISE_STATUS_LABEL[e.status]})`);
}
