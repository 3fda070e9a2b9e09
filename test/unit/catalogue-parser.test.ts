import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogueFormatError, parseCatalogue } from '../../server/modules/catalogue/catalogue.parser.js';
import { GROUP_CODES, JOINED_TEXTS, SEED_CODES } from '../fixtures/seed-catalogue-expected.js';

const seed = readFileSync(new URL('../../data/catalogues/defect-codes-tariff-appendix-46.md', import.meta.url), 'utf8');

function refusalOf(source: string): CatalogueFormatError {
  try {
    parseCatalogue(source);
  } catch (error) {
    if (error instanceof CatalogueFormatError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('parseCatalogue on the seed appendix', () => {
  const codes = parseCatalogue(seed);

  it('keeps every code, in document order, with the coefficients as printed', () => {
    expect(codes.map((c) => [c.code, c.nonPaymentCoefficient, c.fineCoefficient])).toEqual(SEED_CODES);
  });

  it('assigns sections from the section rows and parents from the numbering', () => {
    const byCode = new Map(codes.map((c) => [c.code, c]));
    expect(byCode.get('1.4.3')).toMatchObject({ section: 1, parentCode: '1.4' });
    expect(byCode.get('2.16.3')).toMatchObject({ section: 2, parentCode: '2.16' });
    expect(byCode.get('3.2.1')).toMatchObject({ section: 3, parentCode: '3.2' });
    expect(byCode.get('3.3')).toMatchObject({ section: 3, parentCode: null });
  });

  it('marks group rows as not assignable and everything else as assignable', () => {
    expect(codes.filter((c) => !c.assignable).map((c) => c.code)).toEqual(GROUP_CODES);
  });

  it('joins texts split across page breaks', () => {
    const byCode = new Map(codes.map((c) => [c.code, c.text]));
    for (const [code, text] of Object.entries(JOINED_TEXTS)) expect(byCode.get(code)).toBe(text);
  });

  it('does not invent the numbering gap 2.3–2.6', () => {
    expect(codes.some((c) => /^2\.[3-6]$/.test(c.code))).toBe(false);
  });
});

describe('parseCatalogue refuses malformed files with the line number', () => {
  const lines = seed.split('\n');
  const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;

  it('a coefficient that is not a number', () => {
    const n = lineOf('| 1.3. |');
    const broken = lines.map((l, i) => (i === n - 1 ? l.replace('| 1 | 0,3 |', '| один | 0,3 |') : l)).join('\n');
    const error = refusalOf(broken);
    expect(error.line).toBe(n);
    expect(error.message).toContain('Кно');
  });

  it('a row with a missing column', () => {
    const n = lineOf('| 2.9. |');
    const broken = lines.map((l, i) => (i === n - 1 ? l.replace(/\| 0 \| 1 \|$/, '| 0 |') : l)).join('\n');
    expect(refusalOf(broken).line).toBe(n);
  });

  it('a code repeated', () => {
    const n = lineOf('| 3.4. |');
    const broken = lines.map((l, i) => (i === n - 1 ? l.replace('| 3.4. |', '| 3.3. |') : l)).join('\n');
    const error = refusalOf(broken);
    expect(error.line).toBe(n);
    expect(error.message).toContain('3.3');
  });

  it('a code placed in the wrong section', () => {
    const n = lineOf('| 2.1. |');
    const broken = lines.map((l, i) => (i === n - 1 ? l.replace('| 2.1. |', '| 3.99. |') : l)).join('\n');
    expect(refusalOf(broken).line).toBe(n);
  });

  it('a file with no table at all', () => {
    expect(refusalOf('Просто текст\nбез таблицы\n').message).toContain('нет ни одного кода');
  });
});
