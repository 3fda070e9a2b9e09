import { Decimal } from 'decimal.js';
import { registerLabelledEnum } from '../../graphql/enums.js';
import { raw, type Sql } from '../../db/sql.js';
import { sumAmounts } from '../../shared/money.js';

/**
 * How the findings on one case of care combine. The rules of compulsory insurance apply one
 * ground per case of care, the one giving the largest amount; the exact wording was not at hand,
 * so the choice is a setting (RAZBOR_EPISODE_SANCTION_RULE) fixed on each conclusion when signed.
 */
export enum SanctionRule {
  /** The largest non-payment and the largest fine among the episode's findings (the default). */
  LARGEST_EACH = 'LARGEST_EACH',
  /** One finding's amounts: the one with the largest non-payment (then the largest fine). */
  ONE_GROUND = 'ONE_GROUND',
  /** Every finding counts: conclusions signed before episodes existed keep what their act said. */
  EVERY_GROUND = 'EVERY_GROUND',
}

export const SANCTION_RULE_LABEL: Record<SanctionRule, string> = {
  LARGEST_EACH: 'по случаю — наибольшая неоплата и наибольший штраф',
  ONE_GROUND: 'по случаю — одно основание с наибольшей неоплатой',
  EVERY_GROUND: 'каждое замечание (заключение подписано до учёта случаев оказания помощи)',
};

registerLabelledEnum(SanctionRule, 'SanctionRule', 'Правило применения оснований по одному случаю оказания помощи', SANCTION_RULE_LABEL);

export interface SanctionLine {
  id: string;
  code: string;
  amountNotPaid: string | null;
  fine: string | null;
  createdAt: Date;
}

export interface EpisodeSanction {
  amountNotPaid: string;
  fine: string;
  notPaidGround: SanctionLine | null;
  fineGround: SanctionLine | null;
  explanation: string;
}

const amount = (value: string | null) => (value === null ? new Decimal(-1) : new Decimal(value));

/** Larger amount first; ties go to the earlier finding, then the smaller id (as the SQL twin orders). */
function byAmount(pick: (line: SanctionLine) => string | null, then?: (line: SanctionLine) => string | null) {
  return (a: SanctionLine, b: SanctionLine) =>
    amount(pick(b)).comparedTo(amount(pick(a))) ||
    (then ? amount(then(b)).comparedTo(amount(then(a))) : 0) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const firstWith = (lines: SanctionLine[], pick: (line: SanctionLine) => string | null, order: (a: SanctionLine, b: SanctionLine) => number) =>
  [...lines].filter((l) => pick(l) !== null).sort(order)[0] ?? null;

const notPaidOf = (l: SanctionLine) => l.amountNotPaid;
const fineOf = (l: SanctionLine) => l.fine;
const byNotPaidThenFine = byAmount(notPaidOf, fineOf);

/** What one case of care is sanctioned with under a rule, and why (in Russian, for the act and the screen). */
export function episodeSanction(lines: SanctionLine[], rule: SanctionRule): EpisodeSanction {
  if (rule === SanctionRule.EVERY_GROUND) {
    return {
      amountNotPaid: sumAmounts(lines.map(notPaidOf)),
      fine: sumAmounts(lines.map(fineOf)),
      notPaidGround: null,
      fineGround: null,
      explanation: `Учтено каждое замечание (${SANCTION_RULE_LABEL.EVERY_GROUND})`,
    };
  }
  const notPaidGround = firstWith(lines, notPaidOf, byNotPaidThenFine);
  const fineGround =
    rule === SanctionRule.ONE_GROUND ? (notPaidGround ?? firstWith(lines, fineOf, byAmount(fineOf))) : firstWith(lines, fineOf, byAmount(fineOf));
  return {
    amountNotPaid: sumAmounts([notPaidGround?.amountNotPaid ?? null]),
    fine: sumAmounts([fineGround?.fine ?? null]),
    notPaidGround,
    fineGround,
    explanation: explain(lines, notPaidGround, fineGround),
  };
}

function explain(lines: SanctionLine[], notPaidGround: SanctionLine | null, fineGround: SanctionLine | null): string {
  const several = lines.length > 1;
  const largest = several ? ' — наибольший размер' : '';
  if (notPaidGround && (!fineGround || fineGround === notPaidGround)) return `Применено основание ${notPaidGround.code}${largest}`;
  const parts = [
    notPaidGround && `неоплата по основанию ${notPaidGround.code}${largest}`,
    fineGround && `штраф по основанию ${fineGround.code}${largest}`,
  ].filter(Boolean);
  return parts.length ? `Применено: ${parts.join('; ')}` : 'Санкций по случаю нет';
}

/**
 * The SQL twin of `episodeSanction` for reports: each finding's amounts as counted, given the
 * finding as `f` and its expertise as `fe`. Same order: larger amount, then earlier, then id.
 */
export const countedAmountsSql: Sql = raw(`
  case when fe.sanction_rule = 'EVERY_GROUND' then f.amount_not_paid
       when row_number() over (partition by f.episode_id order by f.amount_not_paid desc nulls last, f.fine desc nulls last, f.created_at, f.id) = 1
       then f.amount_not_paid end as counted_not_paid,
  case when fe.sanction_rule = 'EVERY_GROUND' then f.fine
       when fe.sanction_rule = 'ONE_GROUND'
        and row_number() over (partition by f.episode_id order by f.amount_not_paid desc nulls last, f.fine desc nulls last, f.created_at, f.id) = 1
       then f.fine
       when fe.sanction_rule = 'LARGEST_EACH'
        and row_number() over (partition by f.episode_id order by f.fine desc nulls last, f.created_at, f.id) = 1
       then f.fine end as counted_fine`);
