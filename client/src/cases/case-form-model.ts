import type { RefusalCaseFieldsFragment, RegisterRefusalCaseInput, Sex } from '../../generated/graphql';
import { isValidEnp, isValidIcd10, isValidSnils, normaliseSnils } from '../../../server/shared/identifiers';
import { todayIso } from '../ui/format';

/** What the case form edits, as typed (strings), before it becomes the API's input. */
export interface CaseFormValues {
  enp: string;
  enpChecksumOverride: boolean;
  snils: string;
  surname: string;
  name: string;
  patronymic: string;
  birthDate: string;
  sex: Sex | '';
  moId: string;
  bureauId: string;
  referralNumber: string;
  referralDate: string;
  refusalDate: string;
  refusalDocumentNumber: string;
  mainDiagnosis: string;
  secondaryDiagnoses: string;
  missingExaminations: Array<{ name: string; namedByBureau: boolean }>;
  remarks: string;
}

export const EMPTY_CASE_FORM: CaseFormValues = {
  enp: '',
  enpChecksumOverride: false,
  snils: '',
  surname: '',
  name: '',
  patronymic: '',
  birthDate: '',
  sex: '',
  moId: '',
  bureauId: '',
  referralNumber: '',
  referralDate: '',
  refusalDate: '',
  refusalDocumentNumber: '',
  mainDiagnosis: '',
  secondaryDiagnoses: '',
  missingExaminations: [{ name: '', namedByBureau: false }],
  remarks: '',
};

export function caseFormFrom(c: RefusalCaseFieldsFragment): CaseFormValues {
  return {
    enp: c.person.enp,
    enpChecksumOverride: c.person.enpChecksumOverridden,
    snils: c.person.snils ?? '',
    surname: c.person.surname,
    name: c.person.name,
    patronymic: c.person.patronymic ?? '',
    birthDate: c.person.birthDate,
    sex: c.person.sex,
    moId: c.mo.id,
    bureauId: c.bureau.id,
    referralNumber: c.referralNumber,
    referralDate: c.referralDate,
    refusalDate: c.refusalDate,
    refusalDocumentNumber: c.refusalDocumentNumber,
    mainDiagnosis: c.mainDiagnosis,
    secondaryDiagnoses: c.secondaryDiagnoses.join(', '),
    missingExaminations: c.missingExaminations.map((m) => ({ name: m.name, namedByBureau: m.namedByBureau })),
    remarks: c.remarks ?? '',
  };
}

export const splitDiagnoses = (value: string) =>
  value
    .split(/[,;\s]+/)
    .map((d) => d.trim().toUpperCase())
    .filter(Boolean);

export function toCaseInput(v: CaseFormValues): Omit<RegisterRefusalCaseInput, 'idempotencyKey'> {
  return {
    person: {
      enp: v.enp.trim(),
      enpChecksumOverride: v.enpChecksumOverride || undefined,
      snils: v.snils.trim() || undefined,
      surname: v.surname.trim(),
      name: v.name.trim(),
      patronymic: v.patronymic.trim() || undefined,
      birthDate: v.birthDate,
      sex: v.sex as Sex,
    },
    moId: v.moId,
    bureauId: v.bureauId,
    referralNumber: v.referralNumber.trim(),
    referralDate: v.referralDate,
    refusalDate: v.refusalDate,
    refusalDocumentNumber: v.refusalDocumentNumber.trim(),
    mainDiagnosis: v.mainDiagnosis.trim().toUpperCase(),
    secondaryDiagnoses: splitDiagnoses(v.secondaryDiagnoses),
    missingExaminations: v.missingExaminations.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), namedByBureau: m.namedByBureau })),
    remarks: v.remarks.trim() || undefined,
  };
}

/** The form's field paths, named as the API names them in its errors. */
export const CASE_FORM_FIELDS = [
  'person.enp',
  'person.snils',
  'person.surname',
  'person.name',
  'person.patronymic',
  'person.birthDate',
  'person.sex',
  'moId',
  'bureauId',
  'referralNumber',
  'referralDate',
  'refusalDate',
  'refusalDocumentNumber',
  'mainDiagnosis',
  'secondaryDiagnoses',
  'missingExaminations',
  'remarks',
] as const;

export type CaseFormField = (typeof CASE_FORM_FIELDS)[number];

/**
 * Checks done as the user types, so that most mistakes are seen before sending; the server checks
 * everything again and its answer wins. Only filled fields are judged: an empty one is not yet wrong.
 */
export function instantCaseChecks(v: CaseFormValues): Partial<Record<CaseFormField, string>> {
  const problems: Partial<Record<CaseFormField, string>> = {};
  const enp = v.enp.trim();
  if (enp && !/^\d{16}$/.test(enp)) problems['person.enp'] = `ЕНП — 16 цифр (введено ${enp.replace(/\D/g, '').length})`;
  else if (enp && !v.enpChecksumOverride && !isValidEnp(enp))
    problems['person.enp'] = 'Неверная контрольная цифра ЕНП. Проверьте номер или подтвердите ввод без проверки.';
  const snils = v.snils.trim();
  if (snils && !/^\d{11}$/.test(normaliseSnils(snils))) problems['person.snils'] = 'СНИЛС: 11 цифр в виде XXX-XXX-XXX YY';
  else if (snils && !isValidSnils(snils)) problems['person.snils'] = 'Неверная контрольная сумма СНИЛС';
  const today = todayIso();
  if (v.birthDate && v.birthDate > today) problems['person.birthDate'] = 'Дата рождения в будущем';
  if (v.refusalDate && v.refusalDate > today) problems.refusalDate = 'Дата отказа не может быть в будущем';
  else if (v.refusalDate && v.referralDate && v.refusalDate < v.referralDate) problems.refusalDate = 'Дата отказа раньше даты направления';
  const main = v.mainDiagnosis.trim().toUpperCase();
  if (main && !isValidIcd10(main)) problems.mainDiagnosis = 'Код МКБ-10 вида I63.5 или E11';
  const badSecondary = splitDiagnoses(v.secondaryDiagnoses).filter((d) => !isValidIcd10(d));
  if (badSecondary.length) problems.secondaryDiagnoses = `Не коды МКБ-10: ${badSecondary.join(', ')}`;
  return problems;
}
