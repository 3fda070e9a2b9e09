import type { RazborModule } from '../../app/module.js';
import { attachmentRoutes } from './attachment.routes.js';
import { Attachment } from './attachment.entity.js';

export const attachmentsModule: RazborModule = {
  name: 'attachments',
  entities: [Attachment],
  routes: { prefixes: ['/attachments'], router: attachmentRoutes },
};
