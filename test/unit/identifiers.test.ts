import { describe, expect, it } from 'vitest';
import {
  enpCheckDigit,
  isValidEnp,
  isValidIcd10,
  isValidOgrn,
  isValidOgrnip,
  isValidRegistrationNumber,
  isValidSnils,
  ogrnCheckDigit,
  snilsCheckNumber,
} from '../../server/shared/identifiers.js';

describe('ОГРНИП', () => {
  it('checks the 15th digit against the first 14 mod 13 (the example of DOMAIN.md), and stands for an organisation wherever ОГРН does', () => {
    expect(isValidOgrnip('335435155595421')).toBe(true);
    expect(isValidOgrnip('335435155595425')).toBe(false);
    expect(isValidOgrnip('33543515559542')).toBe(false);
    expect(isValidRegistrationNumber('335435155595421')).toBe(true);
    expect(isValidRegistrationNumber('1027700132195')).toBe(true);
    expect(isValidRegistrationNumber('10277001321950')).toBe(false);
  });
});

describe('ОГРН', () => {
  it('accepts the documented valid example and refuses the invalid one', () => {
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
  });
  it('refuses wrong lengths and non-digits', () => {
    expect(isValidOgrn('102770013219')).toBe(false);
    expect(isValidOgrn('10277001321950')).toBe(false);
    expect(isValidOgrn('10277001321a5')).toBe(false);
  });
  it('takes mod 11 then mod 10 (a remainder of 10 gives check digit 0)', () => {
    expect(BigInt('100000000000') % 11n).toBe(10n);
    expect(ogrnCheckDigit('100000000000')).toBe(0);
    expect(isValidOgrn('1000000000000')).toBe(true);
    expect(isValidOgrn('1000000000001')).toBe(false);
  });
});

describe('СНИЛС', () => {
  it('accepts the documented valid example and refuses the invalid one', () => {
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('112-233-445 96')).toBe(false);
    expect(isValidSnils('11223344595')).toBe(true);
  });
  it('maps sums of 100 and 101 to 00 and reduces larger sums mod 101', () => {
    // 9*9 + 8*2 + 3 = 100 → 00
    expect(snilsCheckNumber('920000003')).toBe(0);
    // digits all 9: sum = 9*45 = 405; 405 mod 101 = 1
    expect(snilsCheckNumber('999999999')).toBe(1);
    expect(isValidSnils('999-999-999 01')).toBe(true);
  });
  it('does not check numbers up to 001-001-998', () => {
    expect(isValidSnils('001-001-998 00')).toBe(true);
    expect(isValidSnils('001-001-999 00')).toBe(snilsCheckNumber('001001999') === 0);
  });
  it('refuses malformed numbers', () => {
    expect(isValidSnils('112-233-445')).toBe(false);
    expect(isValidSnils('abc-233-445 95')).toBe(false);
  });
});

describe('ЕНП', () => {
  it('accepts the documented valid example and refuses the invalid one', () => {
    expect(enpCheckDigit('500000000000000')).toBe(9);
    expect(isValidEnp('5000000000000009')).toBe(true);
    expect(isValidEnp('5000000000000008')).toBe(false);
  });
  it('refuses wrong lengths', () => {
    expect(isValidEnp('500000000000009')).toBe(false);
  });
  it('gives 0 when the digit sum is already a multiple of 10', () => {
    // odd positions 5 → 10, even "0000000" → digit sum 1 … choose a prefix whose sum is 10
    const prefix = '100000000000004'; // odd: pos15=4,pos1=1 → "40000001"*2=80000002 → sum 10 → 0
    expect(enpCheckDigit(prefix)).toBe(0);
  });
});

describe('МКБ-10', () => {
  it('accepts the documented valid forms and refuses the invalid ones', () => {
    for (const ok of ['I63.5', 'E11', 'M54.16']) expect(isValidIcd10(ok)).toBe(true);
    for (const bad of ['I6', '63.5', 'i63.5', 'I63.', 'I63.123', 'I63,5']) expect(isValidIcd10(bad)).toBe(false);
  });
});
