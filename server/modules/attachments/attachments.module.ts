import type { RazborModule } from '../../app/module.js';
import { attachmentRoutes } from './attachment.routes.js';
import { Attachment } from './attachment.entity.js';
import { ActionAttachmentsResolver, CaseAttachmentsResolver, ReviewAttachmentsResolver } from './attachment.resolver.js';

export const attachmentsModule: RazborModule = {
  name: 'attachments',
  entities: [Attachment],
  resolvers: [CaseAttachmentsResolver, ReviewAttachmentsResolver, ActionAttachmentsResolver],
  routes: { prefixes: ['/attachments'], router: attachmentRoutes },
};
