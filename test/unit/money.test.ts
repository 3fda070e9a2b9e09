import { describe, expect, it } from 'vitest';
import { roundKopecks, sanction, sumAmounts } from '../../server/shared/money.js';

describe('money', () => {
  it('multiplies exactly, without binary floating point', () => {
    // 0.1 + 0.2 style traps: 1234.56 × 0.3 = 370.368 → 370.37
    expect(sanction('1234.56', '0.3')).toBe('370.37');
    expect(sanction('100000.10', '0.9')).toBe('90000.09');
  });
  it('rounds half a kopeck away from zero', () => {
    expect(sanction('10.05', '0.5')).toBe('5.03'); // 5.025
    expect(sanction('10.01', '0.5')).toBe('5.01'); // 5.005
    expect(roundKopecks('-5.005')).toBe('-5.01');
    expect(roundKopecks('5.0049')).toBe('5.00');
  });
  it('gives no amount when the coefficient is not set, and zero when it is zero', () => {
    expect(sanction('1000.00', null)).toBeNull();
    expect(sanction('1000.00', '0')).toBe('0.00');
  });
  it('sums rounded lines and skips missing amounts', () => {
    expect(sumAmounts(['5.03', '5.03', null, '0.01'])).toBe('10.07');
    expect(sumAmounts([])).toBe('0.00');
  });
});
