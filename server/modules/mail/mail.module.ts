import type { RazborModule } from '../../app/module.js';
import { MailMessage } from './mail-message.entity.js';

export const mailModule: RazborModule = {
  name: 'mail',
  entities: [MailMessage],
};
