import type { RazborModule } from '../../app/module.js';
import { AppSetting } from './app-setting.entity.js';

export const systemModule: RazborModule = {
  name: 'system',
  entities: [AppSetting],
};
