import type { RazborModule } from '../../app/module.js';
import { Referral } from './referral.entity.js';
import { CaseReferralResolver, ReferralResolver } from './referral.resolver.js';

export const referralsModule: RazborModule = {
  name: 'referrals',
  entities: [Referral],
  resolvers: [ReferralResolver, CaseReferralResolver],
};
