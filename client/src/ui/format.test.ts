import { describe, expect, it } from 'vitest';
import { decimalFromTyped, formatDate, formatMoney, plural, workingDaysLeft } from './format';

const NBSP = '\u00a0';

describe('display formats', () => {
  it('writes money from its decimal string, grouped, with kopecks, never through a float', () => {
    expect(formatMoney('18084.2')).toBe(`18${NBSP}084,20${NBSP}₽`);
    expect(formatMoney('2625.78')).toBe(`2${NBSP}625,78${NBSP}₽`);
    expect(formatMoney('0')).toBe(`0,00${NBSP}₽`);
    expect(formatMoney('123456789012.05')).toBe(`123${NBSP}456${NBSP}789${NBSP}012,05${NBSP}₽`);
    expect(formatMoney('-10.5')).toBe(`−10,50${NBSP}₽`);
    expect(formatMoney(null)).toBe('—');
  });

  it('reads rubles as people type them, grouped and with a comma, into the API decimal', () => {
    expect(decimalFromTyped('12 345,67')).toBe('12345.67');
    expect(decimalFromTyped(`12${NBSP}345,67 ₽`)).toBe('12345.67');
    expect(decimalFromTyped('45210.5')).toBe('45210.5');
    expect(decimalFromTyped('1 000')).toBe('1000');
    expect(decimalFromTyped('12,345,67')).toBeNull();
    expect(decimalFromTyped('1,234')).toBeNull();
    expect(decimalFromTyped('-5')).toBeNull();
    expect(decimalFromTyped('')).toBeNull();
  });

  it('writes dates day first', () => {
    expect(formatDate('2024-05-20')).toBe('20.05.2024');
    expect(formatDate('2024-05-20T10:00:00.000Z')).toBe('20.05.2024');
    expect(formatDate(null)).toBe('—');
  });

  it('declines Russian numerals', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111].map((n) => plural(n, 'день', 'дня', 'дней'))).toEqual([
      'день',
      'дня',
      'дней',
      'дней',
      'дней',
      'день',
      'дня',
      'дней',
      'дней',
    ]);
  });

  it('says how many working days are left or overdue', () => {
    expect(workingDaysLeft(1)).toBe('осталось 1 рабочий день');
    expect(workingDaysLeft(3)).toBe('осталось 3 рабочих дня');
    expect(workingDaysLeft(0)).toBe('срок сегодня');
    expect(workingDaysLeft(-5)).toBe('просрочено на 5 рабочих дней');
    expect(workingDaysLeft(null)).toBe('');
  });
});
