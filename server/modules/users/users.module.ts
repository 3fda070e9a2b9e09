import type { RazborModule } from '../../app/module.js';
import { UserResolver } from './user.resolver.js';

export const usersModule: RazborModule = {
  name: 'users',
  resolvers: [UserResolver],
};
