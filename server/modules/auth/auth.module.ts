import type { RazborModule } from '../../app/module.js';
import { AuthResolver } from './auth.resolver.js';
import { LoginFailure, LoginKnownAddress, RevokedToken, User } from './user.entity.js';

export const authModule: RazborModule = {
  name: 'auth',
  entities: [LoginFailure, LoginKnownAddress, User, RevokedToken],
  resolvers: [AuthResolver],
};
