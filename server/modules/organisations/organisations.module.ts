import type { RazborModule } from '../../app/module.js';
import { Organisation } from './organisation.entity.js';
import { OrganisationResolver } from './organisation.resolver.js';

export const organisationsModule: RazborModule = {
  name: 'organisations',
  entities: [Organisation],
  resolvers: [OrganisationResolver],
};
