import type { BusinessRules } from '../../config.js';
import { sanction, sumAmounts } from '../../shared/money.js';
import type { DefectCode } from '../catalogue/defect-code.entity.js';
import { normInForce } from '../norms/norm.service.js';
import type { PerCapitaNorm } from '../norms/per-capita-norm.entity.js';
import type { CareEpisode } from './care-episode.entity.js';
import { episodeSanction, SanctionRule, type EpisodeSanction } from './episode-sanctions.js';
import { isSigned } from './expertise-lifecycle.js';
import type { Expertise, Finding } from './expertise.entity.js';

/** The rule an expertise's amounts follow: the one fixed when it was signed, or today's setting for a draft. */
export const ruleOf = (expertise: Expertise, rules: BusinessRules): SanctionRule =>
  expertise.sanctionRule ?? (isSigned(expertise.status) ? SanctionRule.EVERY_GROUND : rules.episodeSanctionRule);

/** The day whose per-capita norm prices an episode's fines: the end of its care, or the conclusion (a setting). */
export function normDay(episode: CareEpisode, conclusionDate: string, basis: BusinessRules['normDate']): string {
  return basis === 'CARE_END' && episode.careTo ? episode.careTo : conclusionDate;
}

/** What a finding's fine would be if the expertise were signed today. */
export function previewFine(episode: CareEpisode, code: DefectCode, norms: PerCapitaNorm[], today: string, rules: BusinessRules): string | null {
  const norm = normInForce(norms, episode.normKind.id, normDay(episode, today, rules.normDate));
  return norm ? sanction(norm.amount, code.fineCoefficient) : null;
}

export interface PricedFinding {
  finding: Finding;
  code: DefectCode;
  /** The fine fixed at signing, or a preview before it. */
  fine: string | null;
}

/** Each episode's sanction under the rule, keyed by episode id. */
export function sanctionsByEpisode(episodes: CareEpisode[], findings: PricedFinding[], rule: SanctionRule): Map<string, EpisodeSanction> {
  return new Map(
    episodes.map((episode) => [
      episode.id,
      episodeSanction(
        findings
          .filter((p) => p.finding.episode.id === episode.id)
          .map((p) => ({ id: p.finding.id, code: p.code.code, amountNotPaid: p.finding.amountNotPaid, fine: p.fine, createdAt: p.finding.createdAt })),
        rule,
      ),
    ]),
  );
}

export function sanctionTotals(sanctions: Iterable<EpisodeSanction>): { amountNotPaid: string; fine: string } {
  const all = [...sanctions];
  return { amountNotPaid: sumAmounts(all.map((s) => s.amountNotPaid)), fine: sumAmounts(all.map((s) => s.fine)) };
}
