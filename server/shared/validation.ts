import { z } from 'zod';
import { today } from './clock.js';
import { DomainError, UserErrorCode, type UserErrorData } from './errors.js';

z.config(z.locales.ru());

/** Marks a custom zod check with the user error code it stands for. */
export const withCode = (code: UserErrorCode, message: string) => ({ message, params: { code } });

function codeOf(issue: z.core.$ZodIssue): UserErrorCode {
  if (issue.code === 'custom' && issue.params?.code) return issue.params.code as UserErrorCode;
  if (issue.code === 'invalid_type' && issue.input === undefined) return UserErrorCode.REQUIRED;
  return UserErrorCode.INVALID;
}

export function toUserErrors(error: z.ZodError, prefix = ''): UserErrorData[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || null,
    message: issue.message,
    code: codeOf(issue),
  }));
}

/** Parses input with a schema; every problem found becomes a user error naming its field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DomainError(toUserErrors(parsed.error, prefix));
}

/** Trimmed text; an empty string counts as missing. */
export const text = (max: number, label: string) =>
  z
    .string({ error: `Заполните поле «${label}»` })
    .trim()
    .min(1, { message: `Заполните поле «${label}»` })
    .max(max, { message: `Поле «${label}» длиннее ${max} символов` });

/** An optional note: trimmed, at most `max` characters; empty or absent is null. */
export const optionalNote = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record ids are UUIDs; anything else cannot name a record. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export const idSchema = (label: string) => z.string().refine(isUuid, withCode(UserErrorCode.NOT_FOUND, `${label}: запись не найдена`));

/** A value for a LIKE pattern, its wildcards taken literally. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A calendar date `YYYY-MM-DD`, named in the message. */
export const isoDate = (label: string) => z.iso.date({ message: `${label}: дата в формате ГГГГ-ММ-ДД` });

/** A date of something that has happened: today at the latest. */
export const notFuture = (label: string) => isoDate(label).refine((d) => d <= today(), { message: `${label} не может быть в будущем` });

/** An address for mail, trimmed; empty or absent is null (no mail), undefined stays undefined (unchanged). */
export const emailAddress = () =>
  z
    .string()
    .trim()
    .max(254, { message: 'Адрес почты длиннее 254 символов' })
    .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Адрес почты указан неверно: например, ivanova@rkb.ru' })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));
