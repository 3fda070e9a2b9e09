import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { notFound } from '../../shared/errors.js';
import { idSchema, text, validate } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import { findCase } from '../cases/refusal-case.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { CaseComment } from './comment.entity.js';

/** Shared comments are for both parties; an internal one stays inside the author's organisation. */
export const commentVisibleTo = (viewer: Viewer, comment: CaseComment) => comment.shared || (comment.organisation?.id ?? null) === viewer.organisationId;

const commentSchema = z.object({
  caseId: idSchema('Случай'),
  text: text(8000, 'Комментарий'),
  shared: z.boolean(),
});

export async function addCaseComment(em: EntityManager, viewer: Viewer, input: { caseId: string; text: string; shared: boolean }) {
  const data = validate(commentSchema, input);
  const refusalCase = await findCase(em, viewer, data.caseId);
  if (!refusalCase) throw notFound('caseId', 'Случай');
  const comment = em.create(CaseComment, {
    refusalCase,
    author: em.getReference(User, viewer.userId),
    organisation: viewer.organisationId ? em.getReference(Organisation, viewer.organisationId) : null,
    shared: data.shared,
    text: data.text,
  });
  if (data.shared) recordHistory(em, refusalCase.id, viewer, { kind: HistoryKind.COMMENT_SHARED, summary: `Комментарий: ${data.text}` });
  await em.flush();
  return comment;
}
