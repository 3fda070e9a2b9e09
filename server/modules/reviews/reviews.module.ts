import type { RazborModule } from '../../app/module.js';
import { CommissionReview, CorrectiveAction, RootCause } from './review.entity.js';
import { CaseReviewResolver, CorrectiveActionResolver, ReviewResolver } from './review.resolver.js';

export const reviewsModule: RazborModule = {
  name: 'reviews',
  entities: [RootCause, CommissionReview, CorrectiveAction],
  resolvers: [ReviewResolver, CorrectiveActionResolver, CaseReviewResolver],
};
