import type { RazborModule } from '../../app/module.js';
import { CatalogueVersion } from './catalogue-version.entity.js';
import { CatalogueResolver } from './catalogue.resolver.js';
import { DefectCode } from './defect-code.entity.js';

export const catalogueModule: RazborModule = {
  name: 'catalogue',
  entities: [CatalogueVersion, DefectCode],
  resolvers: [CatalogueResolver],
};
