import type { RazborModule } from '../../app/module.js';
import { ActDelivery } from './act-delivery.entity.js';
import { expertiseActRoutes } from './expertise-act.routes.js';
import { Appeal, Discussion, Expertise, ExpertiseNumberCounter, Finding } from './expertise.entity.js';
import { CaseExpertisesResolver, ExpertiseResolver, FindingResolver } from './expertise.resolver.js';

export const expertiseModule: RazborModule = {
  name: 'expertise',
  entities: [ActDelivery, Expertise, Finding, Discussion, Appeal, ExpertiseNumberCounter],
  resolvers: [ExpertiseResolver, FindingResolver, CaseExpertisesResolver],
  routes: { prefixes: ['/expertises'], router: expertiseActRoutes },
};
