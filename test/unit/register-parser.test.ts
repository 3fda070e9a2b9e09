import { describe, expect, it } from 'vitest';
import { parseRows, RegisterFileError, type RegisterPassport } from '../../server/modules/reference/register.parser.js';

const passport = { version: '2.11', rowCount: 2 } as RegisterPassport;
const row = (name: string) => [
  { column: 'S_CODE', value: 'A05.23.009' },
  { column: 'NAME', value: name },
];

describe('the rows of a register file', () => {
  it('reads the column/value pairs of each row', () => {
    expect(parseRows({ list: [row('МРТ головного мозга'), row('ЭКГ')] }, passport)).toEqual([
      { S_CODE: 'A05.23.009', NAME: 'МРТ головного мозга' },
      { S_CODE: 'A05.23.009', NAME: 'ЭКГ' },
    ]);
  });

  it.each([
    ['NUL', 'МРТ\u0000', 'Запись 2, поле NAME: недопустимый символ (NUL)'],
    ['a lone surrogate', 'ЭКГ\uD800', 'Запись 2, поле NAME: недопустимый символ (одиночный суррогат Юникода)'],
  ])('refuses a value PostgreSQL cannot store (%s), naming its row and field', (_kind, name, message) => {
    const parse = () => parseRows({ list: [row('МРТ'), row(name)] }, passport);
    expect(parse).toThrow(RegisterFileError);
    expect(parse).toThrow(message);
  });
});
