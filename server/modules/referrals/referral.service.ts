import type { EntityManager } from '@mikro-orm/postgresql';
import { isCaseMo, canEditCase } from '../../access/records.js';
import { DomainError, forbidden, notFound, staleVersion } from '../../shared/errors.js';
import { validate } from '../../shared/validation.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import type { RefusalCase } from '../cases/refusal-case.entity.js';
import { findCase } from '../cases/refusal-case.service.js';
import { Referral } from './referral.entity.js';
import { referralChronologyErrors, referralSchema } from './referral.rules.js';

/** The case's MO (whose referral it is) and the SMO's expert who registered the case record its referral. */
export const mayRecordReferral = (viewer: Viewer, refusalCase: RefusalCase) => isCaseMo(viewer, refusalCase) || canEditCase(viewer, refusalCase);

/**
 * Records the referral's story as a whole: the first time it is created, afterwards it replaces the
 * story of the version the user saw (a stale one is refused), with an entry in the case's history.
 */
export async function recordReferral(em: EntityManager, viewer: Viewer, input: unknown): Promise<Referral> {
  const data = validate(referralSchema, input);
  const errors = referralChronologyErrors(data);
  if (errors.length) throw new DomainError(errors);
  const refusalCase = await findCase(em, viewer, data.caseId);
  if (!refusalCase) throw notFound('caseId', 'Случай');
  if (!mayRecordReferral(viewer, refusalCase)) throw forbidden('Сведения о направлении записывают МО случая и эксперт СМО, зарегистрировавшей его');
  const { caseId: _case, version, ...fields } = data;
  const existing = await em.findOne(Referral, { refusalCase: refusalCase.id });
  if (existing && existing.version !== version) throw staleVersion(existing.version);
  const referral = existing ?? em.create(Referral, { ...fields, refusalCase });
  em.assign(referral, fields);
  recordHistory(em, refusalCase.id, viewer, {
    kind: HistoryKind.UPDATED,
    summary: existing ? 'Сведения о направлении на МСЭ (088/у) изменены' : 'Записаны сведения о направлении на МСЭ (088/у)',
  });
  await em.flush();
  return referral;
}
