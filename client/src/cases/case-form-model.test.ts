import { describe, expect, it } from 'vitest';
import { examinationFromText } from './ExaminationPicker';
import { EMPTY_CASE_FORM, instantCaseChecks, toCaseInput, type CaseFormValues } from './case-form-model';

const form = (patch: Partial<CaseFormValues>): CaseFormValues => ({ ...EMPTY_CASE_FORM, ...patch });

describe('checks made while the case form is typed', () => {
  it('judges nothing that is still empty', () => {
    expect(instantCaseChecks(EMPTY_CASE_FORM)).toEqual({});
  });

  it('names what is wrong with an ЕНП: its length, then its check digit unless overridden', () => {
    expect(instantCaseChecks(form({ enp: '50000' }))['person.enp']).toContain('16 цифр');
    expect(instantCaseChecks(form({ enp: '5000000000000008' }))['person.enp']).toContain('контрольная цифра');
    expect(instantCaseChecks(form({ enp: '5000000000000008', enpChecksumOverride: true }))['person.enp']).toBeUndefined();
    expect(instantCaseChecks(form({ enp: '5000000000000009' }))['person.enp']).toBeUndefined();
  });

  it('checks СНИЛС, МКБ-10 codes and the order of dates', () => {
    const problems = instantCaseChecks(
      form({ snils: '112-233-445 96', mainDiagnosis: 'I6', secondaryDiagnoses: 'E11, 63.5', referralDate: '2024-05-10', refusalDate: '2024-05-01' }),
    );
    expect(problems['person.snils']).toContain('контрольная сумма');
    expect(problems.mainDiagnosis).toBeDefined();
    expect(problems.secondaryDiagnoses).toBe('Не коды МКБ-10: 63.5');
    expect(problems.refusalDate).toBe('Дата отказа раньше даты направления');
    expect(instantCaseChecks(form({ snils: '112-233-445 95', mainDiagnosis: 'I63.5', secondaryDiagnoses: 'e11; I10' }))).toEqual({});
  });
});

describe('the case form as the API input', () => {
  it('trims, upper-cases diagnoses, and drops empty examinations and optional blanks', () => {
    const input = toCaseInput(
      form({
        enp: ' 5000000000000009 ',
        surname: ' Цаликова ',
        sex: 'FEMALE',
        mainDiagnosis: 'i63.5',
        secondaryDiagnoses: 'e11, i10',
        missingExaminations: [
          { nmuCode: null, name: ' МРТ ', namedByBureau: true },
          { nmuCode: null, name: '  ', namedByBureau: false },
          { nmuCode: 'A05.10.006', name: 'Регистрация электрокардиограммы', namedByBureau: false },
        ],
      }),
    );
    expect(input.person.enp).toBe('5000000000000009');
    expect(input.person.surname).toBe('Цаликова');
    expect(input.person.snils).toBeUndefined();
    expect(input.person.enpChecksumOverride).toBeUndefined();
    expect(input.mainDiagnosis).toBe('I63.5');
    expect(input.secondaryDiagnoses).toEqual(['E11', 'I10']);
    // A coded examination is sent by its code alone: the server names it as the НМУ does.
    expect(input.missingExaminations).toEqual([
      { name: 'МРТ', namedByBureau: true },
      { nmuCode: 'A05.10.006', namedByBureau: false },
    ]);
    expect(input.remarks).toBeUndefined();
  });
});

describe('an examination typed or picked', () => {
  it('is an НМУ service when it starts with a code (Cyrillic letters too), otherwise text', () => {
    expect(examinationFromText('А05.10.006 Регистрация электрокардиограммы', true)).toEqual({
      nmuCode: 'A05.10.006',
      name: 'Регистрация электрокардиограммы',
      namedByBureau: true,
    });
    expect(examinationFromText('ЭКГ в покое', false)).toEqual({ nmuCode: null, name: 'ЭКГ в покое', namedByBureau: false });
    expect(examinationFromText('A05.10.0066', false).nmuCode).toBeNull();
  });
});
