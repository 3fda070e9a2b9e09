import type { RazborModule } from '../../app/module.js';
import { NormResolver } from './norm.resolver.js';
import { NormKind } from './norm-kind.entity.js';
import { PerCapitaNorm } from './per-capita-norm.entity.js';

export const normsModule: RazborModule = {
  name: 'norms',
  entities: [NormKind, PerCapitaNorm],
  resolvers: [NormResolver],
};
