import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fileTypeFromBuffer } from 'file-type';
import { Role } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { HistoryKind } from '../cases/case-history.entity.js';
import { recordHistory } from '../cases/case-history.service.js';
import type { RefusalCase } from '../cases/refusal-case.entity.js';
import { findCase } from '../cases/refusal-case.service.js';
import { isCaseMo } from '../expertise/expertise.access.js';
import { CommissionReview, CorrectiveAction } from '../reviews/review.entity.js';
import { isUuid } from '../../shared/validation.js';
import { Attachment, AttachmentOwner } from './attachment.entity.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Types a user may attach, by their content (not by the name they carry). */
const ALLOWED_TYPES = new Map([
  ['pdf', 'application/pdf'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
]);

export class AttachmentRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentRefused';
  }
}

/** The case an owner record belongs to, if the viewer sees it. */
async function caseOfOwner(em: EntityManager, viewer: Viewer, ownerType: AttachmentOwner, ownerId: string): Promise<RefusalCase | null> {
  if (!isUuid(ownerId)) return null;
  if (ownerType === AttachmentOwner.CASE) return findCase(em, viewer, ownerId);
  const owner =
    ownerType === AttachmentOwner.REVIEW
      ? await em.findOne(CommissionReview, { id: ownerId })
      : await em.findOne(CorrectiveAction, { id: ownerId });
  return owner ? findCase(em, viewer, owner.refusalCase.id) : null;
}

/** Files follow the record: the case's parties add files to the case; the MO to its review and actions. */
function mayAttach(viewer: Viewer, ownerType: AttachmentOwner, refusalCase: RefusalCase): boolean {
  if (isCaseMo(viewer, refusalCase)) return true;
  return ownerType === AttachmentOwner.CASE && viewer.role === Role.SMO_EXPERT && refusalCase.smo.id === viewer.organisationId;
}

export async function storeAttachment(
  em: EntityManager,
  viewer: Viewer,
  upload: { ownerType: string; ownerId: string; fileName: string; content: Buffer },
): Promise<Attachment> {
  if (!Object.values(AttachmentOwner).includes(upload.ownerType as AttachmentOwner)) {
    throw new AttachmentRefused(400, 'owner: CASE, REVIEW или ACTION');
  }
  const ownerType = upload.ownerType as AttachmentOwner;
  const refusalCase = await caseOfOwner(em, viewer, ownerType, upload.ownerId);
  if (!refusalCase) throw new AttachmentRefused(404, 'Запись, к которой прикладывается файл, не найдена');
  if (!mayAttach(viewer, ownerType, refusalCase)) throw new AttachmentRefused(403, 'Недостаточно прав, чтобы приложить файл к этой записи');
  const fileName = upload.fileName.trim().replace(/[\\/\r\n]/g, '_').slice(0, 255);
  if (!fileName) throw new AttachmentRefused(400, 'Укажите имя файла');
  if (upload.content.length === 0) throw new AttachmentRefused(400, 'Файл пуст');
  const detected = await fileTypeFromBuffer(upload.content);
  const contentType = detected && ALLOWED_TYPES.get(detected.ext);
  if (!contentType) throw new AttachmentRefused(415, 'Допустимы файлы PDF, PNG, JPEG, DOCX и XLSX');
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
