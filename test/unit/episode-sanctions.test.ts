import { describe, expect, it } from 'vitest';
import { episodeSanction, SanctionRule, type SanctionLine } from '../../server/modules/expertise/episode-sanctions.js';
import { normDay } from '../../server/modules/expertise/expertise-sanctions.js';
import type { CareEpisode } from '../../server/modules/expertise/care-episode.entity.js';

const at = (second: number) => new Date(Date.UTC(2024, 4, 1, 0, 0, second));
const line = (id: string, code: string, amountNotPaid: string | null, fine: string | null, second = 0): SanctionLine => ({
  id,
  code,
  amountNotPaid,
  fine,
  createdAt: at(second),
});

describe('one ground per case of care', () => {
  const lines = [line('a', '3.1.2', '3000.00', '0.00', 1), line('b', '3.2.2', '4000.00', '7500.00', 2), line('c', '3.14.1', null, '25000.00', 3)];

  it('by default takes the largest non-payment and the largest fine, each from its own ground', () => {
    expect(episodeSanction(lines, SanctionRule.LARGEST_EACH)).toMatchObject({
      amountNotPaid: '4000.00',
      fine: '25000.00',
      notPaidGround: { code: '3.2.2' },
      fineGround: { code: '3.14.1' },
      explanation: 'Применено: неоплата по основанию 3.2.2 — наибольший размер; штраф по основанию 3.14.1 — наибольший размер',
    });
  });

  it('as one ground takes the largest non-payment with its own fine', () => {
    expect(episodeSanction(lines, SanctionRule.ONE_GROUND)).toMatchObject({
      amountNotPaid: '4000.00',
      fine: '7500.00',
      explanation: 'Применено основание 3.2.2 — наибольший размер',
    });
  });

  it('for conclusions signed before episodes existed counts every finding, as their act said', () => {
    expect(episodeSanction(lines, SanctionRule.EVERY_GROUND)).toMatchObject({ amountNotPaid: '7000.00', fine: '32500.00', notPaidGround: null });
  });

  it('between equal amounts applies the earlier finding, then the smaller id (as the report orders)', () => {
    const tie = [line('z', '3.1.2', '3000.00', null, 5), line('y', '3.5', '3000.00', null, 4), line('x', '3.1.5', '3000.00', null, 4)];
    expect(episodeSanction(tie, SanctionRule.LARGEST_EACH).notPaidGround?.code).toBe('3.1.5');
  });

  it('with no amounts applies nothing and says so', () => {
    expect(episodeSanction([line('a', '3.14.2', null, null)], SanctionRule.LARGEST_EACH)).toMatchObject({
      amountNotPaid: '0.00',
      fine: '0.00',
      explanation: 'Санкций по случаю нет',
    });
  });
});

describe('the day that picks the per-capita norm', () => {
  const episode = { careTo: '2024-12-28' } as CareEpisode;
  it('is the end of the care by default, the conclusion when so set, and the conclusion for episodes without dates', () => {
    expect(normDay(episode, '2025-01-20', 'CARE_END')).toBe('2024-12-28');
    expect(normDay(episode, '2025-01-20', 'CONCLUSION')).toBe('2025-01-20');
    expect(normDay({ careTo: null } as CareEpisode, '2025-01-20', 'CARE_END')).toBe('2025-01-20');
  });
});
