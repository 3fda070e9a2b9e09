import type { RazborModule } from '../../app/module.js';
import { ImprovementPlan, PlanItem, PlanItemConfirmation } from './plan.entity.js';
import { PlanConfirmationResolver, PlanItemResolver, PlanResolver } from './plan.resolver.js';

export const plansModule: RazborModule = {
  name: 'plans',
  entities: [ImprovementPlan, PlanItem, PlanItemConfirmation],
  resolvers: [PlanResolver, PlanItemResolver, PlanConfirmationResolver],
};
