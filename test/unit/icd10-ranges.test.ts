import { describe, expect, it } from 'vitest';
import { inIcd10Ranges, parseIcd10Ranges } from '../../server/modules/reference/icd10-ranges.js';

describe('МКБ-10 categories as the 402н/631н list writes them', () => {
  it('reads single codes, ranges with a hyphen or a dash, and lists', () => {
    expect(parseIcd10Ranges('I60-I69, E10–E14; G35')).toEqual([
      { from: 'I60', to: 'I69' },
      { from: 'E10', to: 'E14' },
      { from: 'G35', to: 'G35' },
    ]);
    expect(parseIcd10Ranges('прочие, I6')).toEqual([]);
  });

  it('matches a diagnosis by its rubric, across letters, and subrubric ends exactly', () => {
    const ranges = parseIcd10Ranges('I60-I69, C00-D48, M51.1');
    expect(inIcd10Ranges('I63.5', ranges)).toBe(true);
    expect(inIcd10Ranges('I69', ranges)).toBe(true);
    expect(inIcd10Ranges('I70.0', ranges)).toBe(false);
    expect(inIcd10Ranges('D10.1', ranges)).toBe(true);
    expect(inIcd10Ranges('M51.1', ranges)).toBe(true);
    expect(inIcd10Ranges('M51.2', ranges)).toBe(false);
    expect(inIcd10Ranges('M51', ranges)).toBe(false);
  });
});
