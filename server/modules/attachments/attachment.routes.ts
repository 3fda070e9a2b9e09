import express from 'express';
import getRawBody from 'raw-body';
import type { Context } from '../../graphql/context.js';
import { AttachmentRefused, MAX_ATTACHMENT_BYTES, loadAttachment, storeAttachment } from './attachment.service.js';

type ContextOf = (req: express.Request) => Promise<Context>;

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
    if (!context.viewer) return void res.status(401).json({ message: 'Требуется вход в систему' });
    let content: Buffer;
    try {
      content = await getRawBody(req, { limit: MAX_ATTACHMENT_BYTES });
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') return void res.status(413).json({ message: 'Файл больше 10 МБ' });
      context.log.info({ type }, 'attachment upload interrupted, nothing stored');
      return void (res.headersSent || res.destroy());
    }
    try {
      const viewer = context.viewer;
      const attachment = await context.em.fork().transactional((em) =>
        storeAttachment(em as never, viewer, {
          ownerType: queryText(req.query.owner),
          ownerId: queryText(req.query.ownerId),
          fileName: queryText(req.query.fileName),
          content,
        }, context.app.attachmentQuota),
      );
      const { id, fileName, contentType, size, sha256 } = attachment;
      res.status(201).json({ id, fileName, contentType, size, sha256 });
    } catch (error) {
      if (error instanceof AttachmentRefused) return void res.status(error.status).json({ message: error.message });
      throw error;
    }
  });

  router.get('/attachments/:id', async (req, res) => {
    const context = await contextOf(req);
    if (!context.viewer) return void res.status(401).json({ message: 'Требуется вход в систему' });
    const attachment = await loadAttachment(context.em, context.viewer, req.params.id);
    if (!attachment) return void res.status(404).json({ message: 'Файл не найден' });
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
