import { z } from 'zod';
import { UserErrorCode } from '../../shared/errors.js';
import { isValidEnp, isValidIcd10, isValidSnils, formatSnils, normaliseSnils } from '../../shared/identifiers.js';
import { idSchema, isoDate, text, withCode } from '../../shared/validation.js';
import { Sex } from '../persons/sex.js';
import { today } from '../../shared/clock.js';

export const personSchema = z
  .object({
    enp: z
      .string()
      .trim()
      .regex(/^\d{16}$/, { message: 'ЕНП должен состоять из 16 цифр' }),
    enpChecksumOverride: z.boolean().nullish(),
    snils: z
      .string()
      .trim()
      .nullish()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^\d{11}$/.test(normaliseSnils(v)), { message: 'СНИЛС: 11 цифр в виде XXX-XXX-XXX YY' })
      .refine(
        (v) => v === null || !/^\d{11}$/.test(normaliseSnils(v)) || isValidSnils(v),
        withCode(UserErrorCode.INVALID_CHECKSUM, 'Неверная контрольная сумма СНИЛС'),
      )
      .transform((v) => (v === null ? null : formatSnils(normaliseSnils(v)))),
    surname: text(100, 'Фамилия'),
    name: text(100, 'Имя'),
    patronymic: text(100, 'Отчество')
      .nullish()
      .transform((v) => v ?? null),
    birthDate: isoDate('Дата рождения')
      .refine((d) => d >= '1900-01-01', { message: 'Дата рождения раньше 1900 года' })
      .refine((d) => d <= today(), { message: 'Дата рождения в будущем' }),
    sex: z.enum(Sex, { message: 'Укажите пол' }),
  })
  .superRefine((person, ctx) => {
    if (!person.enpChecksumOverride && /^\d{16}$/.test(person.enp) && !isValidEnp(person.enp)) {
      ctx.addIssue({
        code: 'custom',
        path: ['enp'],
        message: 'Неверная контрольная цифра ЕНП. Если полис настоящий, подтвердите ввод без проверки.',
        params: { code: UserErrorCode.INVALID_CHECKSUM },
      });
    }
  });

const icd10 = (label: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidIcd10, { message: `${label}: код МКБ-10 вида I63.5 или E11` });

const missingExaminationSchema = z.object({
  name: text(300, 'Название обследования'),
  namedByBureau: z.boolean().default(false),
});

/** The case's own fields; the checks that compare fields run in `caseConsistency`. */
export const caseFieldsSchema = z.object({
  moId: idSchema('Медицинская организация'),
  bureauId: idSchema('Бюро МСЭ'),
  referralNumber: text(50, 'Номер направления'),
  referralDate: isoDate('Дата направления'),
  refusalDate: isoDate('Дата отказа').refine((d) => d <= today(), { message: 'Дата отказа не может быть в будущем' }),
  refusalDocumentNumber: text(50, 'Номер решения об отказе'),
  mainDiagnosis: icd10('Основной диагноз'),
  secondaryDiagnoses: z
    .array(icd10('Сопутствующий диагноз'))
    .max(20)
    .nullish()
    .transform((v) => [...new Set(v ?? [])]),
  missingExaminations: z.array(missingExaminationSchema).min(1, { message: 'Укажите хотя бы одно недостающее обследование' }).max(50),
  remarks: z
    .string()
    .trim()
    .max(4000, { message: 'Примечание длиннее 4000 символов' })
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
  return fields.refusalDate < fields.referralDate
    ? [{ field: 'refusalDate', code: UserErrorCode.INVALID, message: 'Дата отказа раньше даты направления' }]
    : [];
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
