import type { RefusalCaseFieldsFragment, RegisterRefusalCaseInput, Sex } from '../../generated/graphql';
import { isValidEnp, isValidIcd10, isValidSnils, normaliseSnils } from '../../../server/shared/identifiers';
import { CASE_CHECKS, CASE_FIELDS, PERSON_FIELDS, type CaseField, type FieldDescription, type PersonField } from '../../../server/shared/case-fields';
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
  missingExaminations: Array<{ nmuCode: string | null; name: string; namedByBureau: boolean }>;
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
  missingExaminations: [{ nmuCode: null, name: '', namedByBureau: false }],
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
    missingExaminations: c.missingExaminations.map((m) => ({ nmuCode: m.nmuCode ?? null, name: m.name, namedByBureau: m.namedByBureau })),
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
    missingExaminations: v.missingExaminations
      .filter((m) => m.nmuCode || m.name.trim())
      .map((m) => (m.nmuCode ? { nmuCode: m.nmuCode, namedByBureau: m.namedByBureau } : { name: m.name.trim(), namedByBureau: m.namedByBureau })),
    remarks: v.remarks.trim() || undefined,
  };
}

/** The form's field paths, named as the API names them in its errors. */
export type CaseFormField = `person.${PersonField}` | CaseField;

/** Every field of the form, in the order of their descriptions. */
export const CASE_FORM_FIELDS = [
  ...(Object.keys(PERSON_FIELDS) as PersonField[]).map((f) => `person.${f}` as const),
  ...(Object.keys(CASE_FIELDS) as CaseField[]),
] satisfies CaseFormField[];

/** Each form field's one description (label, limits), shared with the server. */
export function descriptionOf(field: CaseFormField): FieldDescription {
  return field.startsWith('person.') ? PERSON_FIELDS[field.slice('person.'.length) as PersonField] : CASE_FIELDS[field as CaseField];
}

/**
 * Checks done as the user types, so that most mistakes are seen before sending; the server checks
 * everything again and its answer wins. Only filled fields are judged: an empty one is not yet wrong.
 */
export function instantCaseChecks(v: CaseFormValues): Partial<Record<CaseFormField, string>> {
  const problems: Partial<Record<CaseFormField, string>> = {};
  const enp = v.enp.trim();
  if (enp && !/^\d{16}$/.test(enp)) problems['person.enp'] = `${CASE_CHECKS.enpDigits} (введено ${enp.replace(/\D/g, '').length})`;
  else if (enp && !v.enpChecksumOverride && !isValidEnp(enp)) problems['person.enp'] = CASE_CHECKS.enpChecksum;
  const snils = v.snils.trim();
  if (snils && !/^\d{11}$/.test(normaliseSnils(snils))) problems['person.snils'] = CASE_CHECKS.snilsFormat;
  else if (snils && !isValidSnils(snils)) problems['person.snils'] = CASE_CHECKS.snilsChecksum;
  const today = todayIso();
  if (v.birthDate && v.birthDate > today) problems['person.birthDate'] = CASE_CHECKS.birthDateInFuture;
  if (v.refusalDate && v.refusalDate > today) problems.refusalDate = CASE_CHECKS.refusalDateInFuture;
  else if (v.refusalDate && v.referralDate && v.refusalDate < v.referralDate) problems.refusalDate = CASE_CHECKS.refusalBeforeReferral;
  const main = v.mainDiagnosis.trim().toUpperCase();
  if (main && !isValidIcd10(main)) problems.mainDiagnosis = CASE_CHECKS.icd10(CASE_FIELDS.mainDiagnosis.label);
  const badSecondary = splitDiagnoses(v.secondaryDiagnoses).filter((d) => !isValidIcd10(d));
  if (badSecondary.length) problems.secondaryDiagnoses = `Не коды МКБ-10: ${badSecondary.join(', ')}`;
  return problems;
}
