import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../server/modules/cases/import/csv-encoding.js';

const text = 'ЕНП;Фамилия;Имя\n5000000000000009;Цаликова;Залина\n5000000000000017;Ёлкина;Мария\n';
const hasHeader = (line: string) => line.startsWith('ЕНП;');

describe('the encoding of an uploaded CSV', () => {
  it('reads UTF-8 as it is, with or without a BOM', () => {
    expect(decodeCsv(Buffer.from(text), hasHeader)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), hasHeader)).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads what Russian Excel saves, Windows-1251, letter for letter (ё included), and the older KOI8-R and CP866', () => {
    for (const encoding of ['windows-1251', 'koi8-r', 'ibm866']) expect(decodeCsv(iconv.encode(text, encoding), hasHeader)).toEqual({ text, encoding });
  });

  it('takes Windows-1251 when no encoding reads the first line as expected, so that the header check can name the problem', () => {
    expect(decodeCsv(iconv.encode('Ёж;Щи\n', 'windows-1251'), hasHeader)).toEqual({ text: 'Ёж;Щи\n', encoding: 'windows-1251' });
  });
});
