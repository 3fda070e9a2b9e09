import { ExaminationRange } from './examination-range.entity.js';
import { ExaminationTextCode } from './examination-text-code.entity.js';
import { ExaminationMappingResolver } from './examination-mapping.resolver.js';
import type { RazborModule } from '../../app/module.js';
import { RegisterEntry } from './register-entry.entity.js';
import { RegisterResolver } from './register.resolver.js';
import { RegisterVersion } from './register-version.entity.js';

export const referenceModule: RazborModule = {
  name: 'reference',
  entities: [RegisterVersion, RegisterEntry, ExaminationRange, ExaminationTextCode],
  resolvers: [RegisterResolver, ExaminationMappingResolver],
};
