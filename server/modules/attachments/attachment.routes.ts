import express from 'express';
import getRawBody from 'raw-body';
import { type ContextOf, viewerOf } from '../../graphql/context.js';
import { FailureKind, refusal } from '../../shared/errors.js';
import { MAX_ATTACHMENT_BYTES, loadAttachment, storeAttachment } from './attachment.service.js';

/** A query parameter given once as text; anything else (repeated, nested) is no value. */
const queryText = (value: unknown): string => (typeof value === 'string' ? value : '');

const contentDisposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/**
 * POST /attachments?owner=CASE|REVIEW|ACTION&ownerId=…&fileName=… with the file as the body;
 * GET /attachments/:id. The body is read whole before anything is written, so an upload that is
 * cut off leaves nothing behind.
 */
export function attachmentRoutes(contextOf: ContextOf): express.Router {
  const router = express.Router();

  router.post('/attachments', async (req, res) => {
    const context = await contextOf(req);
    const viewer = viewerOf(context);
    let content: Buffer;
    try {
      content = await getRawBody(req, { limit: MAX_ATTACHMENT_BYTES });
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') throw refusal(FailureKind.TOO_LARGE, 'Файл больше 10 МБ');
      context.log.info({ type }, 'attachment upload interrupted, nothing stored');
      return void (res.headersSent || res.destroy());
    }
    const attachment = await context.em.fork().transactional((em) =>
      storeAttachment(
        em as never,
        viewer,
        {
          ownerType: queryText(req.query.owner),
          ownerId: queryText(req.query.ownerId),
          fileName: queryText(req.query.fileName),
          content,
        },
        context.app.attachmentQuota,
      ),
    );
    const { id, fileName, contentType, size, sha256 } = attachment;
    res.status(201).json({ id, fileName, contentType, size, sha256 });
  });

  router.get('/attachments/:id', async (req, res) => {
    const context = await contextOf(req);
    const attachment = await loadAttachment(context.em, viewerOf(context), req.params.id);
    if (!attachment) throw refusal(FailureKind.NOT_FOUND, 'Файл не найден');
    res.setHeader('content-type', attachment.contentType);
    res.setHeader('content-disposition', contentDisposition(attachment.fileName));
    res.setHeader('x-content-sha256', attachment.sha256);
    // Served as a download that no browser sniffs into a page or runs in Razbor's origin.
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    res.send(attachment.content);
  });

  return router;
}
