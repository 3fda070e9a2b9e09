import type { RazborModule } from '../../app/module.js';
import { ActDelivery } from './act-delivery.entity.js';
import { CareEpisode } from './care-episode.entity.js';
import { CareEpisodeResolver } from './care-episode.resolver.js';
import { expertiseActRoutes } from './expertise-act.routes.js';
import { Appeal, Discussion, Expertise, ExpertiseNumberCounter, Finding } from './expertise.entity.js';
import { CaseExpertisesResolver, ExpertiseResolver, FindingResolver } from './expertise.resolver.js';
import { FindingPosition } from './finding-position.entity.js';

export const expertiseModule: RazborModule = {
  name: 'expertise',
  entities: [ActDelivery, Expertise, CareEpisode, Finding, FindingPosition, Discussion, Appeal, ExpertiseNumberCounter],
  resolvers: [ExpertiseResolver, FindingResolver, CareEpisodeResolver, CaseExpertisesResolver],
  routes: { prefixes: ['/expertises'], router: expertiseActRoutes },
};
