import type { RazborModule } from '../../app/module.js';
import { ImprovementPlan, PlanItem, PlanItemConfirmation } from './plan.entity.js';
import { PlanItemHistoryEntry } from './plan-item-history.entity.js';
import { PlanConfirmationResolver, PlanItemHistoryResolver, PlanItemResolver, PlanResolver } from './plan.resolver.js';

export const plansModule: RazborModule = {
  name: 'plans',
  entities: [ImprovementPlan, PlanItem, PlanItemConfirmation, PlanItemHistoryEntry],
  resolvers: [PlanResolver, PlanItemResolver, PlanConfirmationResolver, PlanItemHistoryResolver],
};
