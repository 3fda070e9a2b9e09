import type { RazborModule } from '../../app/module.js';
import { TaskResolver } from './task.resolver.js';

export const tasksModule: RazborModule = {
  name: 'tasks',
  resolvers: [TaskResolver],
};
