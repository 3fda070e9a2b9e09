import { describe, expect, it } from 'vitest';
import { variableProblem } from '../../server/http/limits.js';

describe('values the schema refuses before any resolver runs', () => {
  it('are told in Russian with the field inside the input', () => {
    expect(variableProblem('Variable "$input" got invalid value "" at "input.sentOn"; Ожидается дата в формате ГГГГ-ММ-ДД')).toEqual({
      field: 'sentOn',
      message: 'Ожидается дата в формате ГГГГ-ММ-ДД',
    });
    expect(variableProblem('Variable "$input" got invalid value "BOAT" at "input.method"; Value "BOAT" does not exist in "ActDeliveryMethod" enum.')).toEqual({
      field: 'method',
      message: 'Недопустимое значение «BOAT»',
    });
    expect(
      variableProblem('Variable "$input" got invalid value { expertiseId: "x" }; Field "receivedOn" of required type "LocalDate!" was not provided.'),
    ).toEqual({ field: 'receivedOn', message: 'Заполните это поле' });
    expect(variableProblem('Variable "$input" got invalid value "1" at "input.person.sex"; Value "1" does not exist in "Sex" enum.')).toEqual({
      field: 'person.sex',
      message: 'Недопустимое значение «1»',
    });
    // A choice left empty, and a required value sent as null, as a form sends them.
    expect(variableProblem('Variable "$input" got invalid value "" at "input.outcome"; Value "" does not exist in "AppealOutcome" enum.')).toEqual({
      field: 'outcome',
      message: 'Выберите значение',
    });
    expect(
      variableProblem('Variable "$input" got invalid value null at "input.protocolDate"; Expected non-nullable type "LocalDate!" not to be null.'),
    ).toEqual({ field: 'protocolDate', message: 'Заполните это поле' });
    // A number left empty or typed as words.
    expect(variableProblem('Variable "$input" got invalid value "" at "input.version"; Int cannot represent non-integer value: ""')).toEqual({
      field: 'version',
      message: 'Укажите число',
    });
    expect(variableProblem('Variable "$input" got invalid value "два" at "input.version"; Int cannot represent non-integer value: "два"')).toEqual({
      field: 'version',
      message: 'Укажите целое число',
    });
  });

  it('leave other messages alone', () => {
    expect(variableProblem('Запрос содержит недопустимый символ (NUL)')).toBeNull();
  });
});
