import { createHash } from 'node:crypto';
import { execute, sql } from '../../db/sql.js';
import { mayAttach } from '../../access/records.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import type { RefusalCase } from '../cases/refusal-case.entity.js';
import { findCase } from '../cases/refusal-case.service.js';

import { CommissionReview, CorrectiveAction } from '../reviews/review.entity.js';
import { lockKeys } from '../../db/locks.js';
import { isUuid } from '../../shared/validation.js';
import { Attachment, AttachmentOwner } from './attachment.entity.js';
import { inspectContent, safeFileName } from './attachment.content.js';
import { FailureKind, forbidden, refusal } from '../../shared/errors.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** How much may be attached: to one case in all, and by one organisation's users in a day. */
export interface AttachmentQuota {
  perCaseBytes: number;
  perOrganisationDayBytes: number;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} МБ`;

/**
 * Counts under a lock per organisation (taken before the counting, held to the commit), so that
 * parallel uploads cannot all pass the same remaining allowance.
 */
async function assertWithinQuota(em: EntityManager, viewer: Viewer, caseId: string, size: number, quota: AttachmentQuota): Promise<void> {
  await lockKeys(em, `attachment-quota:${viewer.organisationId ?? viewer.userId}`);
  const [used] = await execute<{ on_case: string; by_organisation: string }>(
    em,
    sql`select (select coalesce(sum(size), 0) from attachment where refusal_case_id = ${caseId}) as on_case,
            (select coalesce(sum(a.size), 0) from attachment a join app_user u on u.id = a.uploaded_by_id
              where a.uploaded_at > now() - interval '1 day' and (u.organisation_id = ${viewer.organisationId} or u.id = ${viewer.userId})) as by_organisation`,
  );
  if (Number(used.on_case) + size > quota.perCaseBytes) {
    throw refusal(FailureKind.TOO_LARGE, `К случаю уже приложено файлов на ${megabytes(quota.perCaseBytes)}: больше приложить нельзя`);
  }
  if (Number(used.by_organisation) + size > quota.perOrganisationDayBytes) {
    throw refusal(
      FailureKind.TOO_LARGE,
      `Организация за последние сутки уже загрузила файлов на ${megabytes(quota.perOrganisationDayBytes)}: повторите позже или обратитесь к администратору`,
    );
  }
}

/** The case an owner record belongs to, if the viewer sees it. */
async function caseOfOwner(em: EntityManager, viewer: Viewer, ownerType: AttachmentOwner, ownerId: string): Promise<RefusalCase | null> {
  if (!isUuid(ownerId)) return null;
  if (ownerType === AttachmentOwner.CASE) return findCase(em, viewer, ownerId);
  const owner =
    ownerType === AttachmentOwner.REVIEW ? await em.findOne(CommissionReview, { id: ownerId }) : await em.findOne(CorrectiveAction, { id: ownerId });
  return owner ? findCase(em, viewer, owner.refusalCase.id) : null;
}

/** Files follow the record: the case's parties add files to the case; the MO to its review and actions. */
export async function storeAttachment(
  em: EntityManager,
  viewer: Viewer,
  upload: { ownerType: string; ownerId: string; fileName: string; content: Buffer },
  quota: AttachmentQuota,
): Promise<Attachment> {
  if (!Object.values(AttachmentOwner).includes(upload.ownerType as AttachmentOwner)) {
    throw refusal(FailureKind.INVALID, 'owner: CASE, REVIEW или ACTION');
  }
  const ownerType = upload.ownerType as AttachmentOwner;
  const refusalCase = await caseOfOwner(em, viewer, ownerType, upload.ownerId);
  if (!refusalCase) throw refusal(FailureKind.NOT_FOUND, 'Запись, к которой прикладывается файл, не найдена');
  if (!mayAttach(viewer, ownerType, refusalCase)) throw forbidden('Недостаточно прав, чтобы приложить файл к этой записи');
  if (!upload.fileName.trim()) throw refusal(FailureKind.INVALID, 'Укажите имя файла');
  if (upload.content.length === 0) throw refusal(FailureKind.INVALID, 'Файл пуст');
  const verdict = await inspectContent(upload.content);
  if (!verdict.ok) throw refusal(FailureKind.UNSUPPORTED_TYPE, verdict.message);
  const { contentType } = verdict;
  const fileName = safeFileName(upload.fileName, verdict.extension);
  await assertWithinQuota(em, viewer, refusalCase.id, upload.content.length, quota);
  const attachment = em.create(Attachment, {
    ownerType,
    ownerId: upload.ownerId,
    refusalCase,
    fileName,
    contentType,
    size: upload.content.length,
    sha256: createHash('sha256').update(upload.content).digest('hex'),
    content: upload.content,
    uploadedBy: em.getReference(User, viewer.userId),
  });
  recordHistory(em, refusalCase.id, viewer, { kind: HistoryKind.ATTACHMENT_ADDED, summary: `Приложен файл «${fileName}»` });
  await em.flush();
  return attachment;
}

/** A file with its content, if the viewer sees the case it belongs to. */
export async function loadAttachment(em: EntityManager, viewer: Viewer, id: string): Promise<Attachment | null> {
  if (!isUuid(id)) return null;
  const attachment = await em.findOne(Attachment, { id }, { populate: ['content'] });
  if (!attachment) return null;
  return (await findCase(em, viewer, attachment.refusalCase.id)) ? attachment : null;
}
