import type { RazborModule } from '../../app/module.js';
import { InsuredPerson } from './insured-person.entity.js';

export const personsModule: RazborModule = {
  name: 'persons',
  entities: [InsuredPerson],
};
