import { z } from 'zod';
import { UserErrorCode } from '../../shared/errors.js';
import { isValidEnp, isValidIcd10, isValidSnils, formatSnils, latinNmuCode, normaliseSnils, NMU_CODE } from '../../shared/identifiers.js';
import { idSchema, isoDate, text, withCode } from '../../shared/validation.js';
import { Sex } from '../persons/sex.js';
import { CASE_CHECKS, CASE_FIELDS, PERSON_FIELDS, type FieldDescription } from '../../shared/case-fields.js';
import { today } from '../../shared/clock.js';

/** Required text of a described field, within its length. */
const described = (field: FieldDescription & { maxLength: number }) => text(field.maxLength, field.label);

export const personSchema = z
  .object({
    enp: z
      .string()
      .trim()
      .regex(/^\d{16}$/, { message: CASE_CHECKS.enpDigits }),
    enpChecksumOverride: z.boolean().nullish(),
    snils: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^\d{11}$/.test(normaliseSnils(v)), { message: CASE_CHECKS.snilsFormat })
      .refine((v) => v === null || !/^\d{11}$/.test(normaliseSnils(v)) || isValidSnils(v), withCode(UserErrorCode.INVALID_CHECKSUM, CASE_CHECKS.snilsChecksum))
      .transform((v) => (v === null ? null : formatSnils(normaliseSnils(v)))),
    surname: described(PERSON_FIELDS.surname),
    name: described(PERSON_FIELDS.name),
    patronymic: described(PERSON_FIELDS.patronymic)
      .nullish()
      .transform((v) => v ?? null),
    birthDate: isoDate(PERSON_FIELDS.birthDate.label)
      .refine((d) => d >= '1900-01-01', { message: 'Дата рождения раньше 1900 года' })
      .refine((d) => d <= today(), { message: CASE_CHECKS.birthDateInFuture }),
    sex: z.enum(Sex, { message: 'Укажите пол' }),
  })
  .superRefine((person, ctx) => {
    if (!person.enpChecksumOverride && /^\d{16}$/.test(person.enp) && !isValidEnp(person.enp)) {
      ctx.addIssue({
        code: 'custom',
        path: ['enp'],
        message: CASE_CHECKS.enpChecksum,
        params: { code: UserErrorCode.INVALID_CHECKSUM },
      });
    }
  });

const icd10 = (label: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidIcd10, { message: CASE_CHECKS.icd10(label) });

const missingExaminationSchema = z
  .object({
    nmuCode: z
      .string()
      .nullish()
      .transform((v) => (v ? latinNmuCode(v) : null))
      .refine((v) => v === null || NMU_CODE.test(v), { message: 'Код НМУ: например A05.10.006' }),
    name: z
      .string()
      .trim()
      .max(300, { message: 'Название обследования длиннее 300 символов' })
      .nullish()
      .transform((v) => v || null),
    namedByBureau: z.boolean().default(false),
  })
  .refine((e) => e.nmuCode !== null || e.name !== null, { path: ['name'], message: 'Укажите обследование: код НМУ или название' });

/** The case's own fields; the checks that compare fields run in `caseConsistency`. */
export const caseFieldsSchema = z.object({
  moId: idSchema(CASE_FIELDS.moId.label),
  bureauId: idSchema(CASE_FIELDS.bureauId.label),
  referralNumber: described(CASE_FIELDS.referralNumber),
  referralDate: isoDate(CASE_FIELDS.referralDate.label),
  refusalDate: isoDate(CASE_FIELDS.refusalDate.label).refine((d) => d <= today(), { message: CASE_CHECKS.refusalDateInFuture }),
  refusalDocumentNumber: described(CASE_FIELDS.refusalDocumentNumber),
  mainDiagnosis: icd10(CASE_FIELDS.mainDiagnosis.label),
  secondaryDiagnoses: z
    .array(icd10('Сопутствующий диагноз'))
    .max(20)
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
  missingExaminations: z.array(missingExaminationSchema).min(1, { message: 'Укажите хотя бы одно недостающее обследование' }).max(50),
  remarks: z
    .string()
    .trim()
    .max(CASE_FIELDS.remarks.maxLength, { message: `${CASE_FIELDS.remarks.label} длиннее ${CASE_FIELDS.remarks.maxLength} символов` })
    .nullish()
    .transform((v) => v || null),
});

export const registerCaseSchema = caseFieldsSchema.extend({
  person: personSchema,
  idempotencyKey: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullish()
    .transform((v) => v ?? null),
});

export const updateCaseSchema = caseFieldsSchema.partial().extend({
  id: idSchema('Случай'),
  version: z.number().int(),
  person: personSchema.nullish(),
});

/** Rules across fields, checked on the case as it will be stored. */
export function caseConsistencyErrors(fields: { referralDate: string; refusalDate: string }) {
  return fields.refusalDate < fields.referralDate ? [{ field: 'refusalDate', code: UserErrorCode.INVALID, message: CASE_CHECKS.refusalBeforeReferral }] : [];
}

export type RegisterCaseData = z.output<typeof registerCaseSchema>;

/** The case's own stored fields from validated data (registration and spreadsheet import alike). */
export const caseFields = (data: Omit<RegisterCaseData, 'moId' | 'bureauId' | 'person' | 'idempotencyKey'>) => ({
  referralNumber: data.referralNumber,
  referralDate: data.referralDate,
  refusalDate: data.refusalDate,
  refusalDocumentNumber: data.refusalDocumentNumber,
  mainDiagnosis: data.mainDiagnosis,
  secondaryDiagnoses: data.secondaryDiagnoses,
  missingExaminations: data.missingExaminations,
  remarks: data.remarks,
});
export type PersonData = z.output<typeof personSchema>;
