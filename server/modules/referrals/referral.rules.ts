import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';
import { UserErrorCode } from '../../shared/errors.js';
import { idSchema, notFuture } from '../../shared/validation.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { BureauAnswerKind, ExaminationKind, ExaminationOutcome, ReferralPurpose, type BureauAnswer } from './referral.entity.js';

const text = (label: string, max: number) =>
  z
    .string({ message: `${label}: заполните` })
    .trim()
    .min(1, { message: `${label}: заполните` })
    .max(max, { message: `${label} длиннее ${max} символов` });

const answerSchema = z.object({
  kind: z.enum(BureauAnswerKind, { message: 'Ответ бюро: выберите отказ или возврат на доработку' }),
  answeredOn: notFuture('Дата ответа бюро'),
  reason: text('Причина', 1000),
  resubmittedOn: notFuture('Дата повторного направления')
    .nullish()
    .transform((v) => v ?? null),
});

export const referralSchema = z.object({
  caseId: idSchema('Случай'),
  version: z.number().int().nullish(),
  vkProtocolNumber: text('Номер протокола ВК', 50),
  vkProtocolDate: notFuture('Дата протокола ВК'),
  purpose: z.enum(ReferralPurpose, { message: 'Цель направления: выберите из списка' }),
  examinationKind: z.enum(ExaminationKind, { message: 'Освидетельствование: первичное или повторное' }),
  sentOn: notFuture('Дата направления в бюро'),
  answers: z.array(answerSchema).max(20).default([]),
  examinedOn: notFuture('Дата освидетельствования')
    .nullish()
    .transform((v) => v ?? null),
  outcome: z
    .enum(ExaminationOutcome, { message: 'Итог: выберите из списка' })
    .nullish()
    .transform((v) => v ?? null),
});
export type ReferralData = z.output<typeof referralSchema>;

type Problem = { field: string; code: UserErrorCode; message: string };
const problem = (field: string, message: string): Problem => ({ field, code: UserErrorCode.INVALID, message });

/**
 * The story runs forward: protocol, referral, each answer after the (re)submission it answers, each
 * resubmission after its answer; only the last answer may still wait for a resubmission, and then
 * the person cannot have been examined yet; an examination has its outcome and the other way round.
 */
export function referralChronologyErrors(data: ReferralData): Problem[] {
  const errors: Problem[] = [];
  if (data.sentOn < data.vkProtocolDate) errors.push(problem('sentOn', 'Направление не может быть раньше протокола ВК'));
  let submitted = data.sentOn;
  data.answers.forEach((a, i) => {
    if (a.answeredOn < submitted) errors.push(problem(`answers.${i}.answeredOn`, 'Ответ бюро не может быть раньше направления, на которое он дан'));
    if (a.resubmittedOn && a.resubmittedOn < a.answeredOn)
      errors.push(problem(`answers.${i}.resubmittedOn`, 'Повторное направление не может быть раньше ответа бюро'));
    if (!a.resubmittedOn && i < data.answers.length - 1)
      errors.push(problem(`answers.${i}.resubmittedOn`, 'За ответом следует другой: укажите дату повторного направления'));
    submitted = a.resubmittedOn ?? a.answeredOn;
  });
  if (data.examinedOn && !data.outcome) errors.push(problem('outcome', 'Укажите итог освидетельствования'));
  if (data.outcome && !data.examinedOn) errors.push(problem('examinedOn', 'Укажите дату освидетельствования'));
  if (data.examinedOn) {
    const last = data.answers.at(-1);
    if (last && !last.resubmittedOn) errors.push(problem('examinedOn', 'Направление возвращено и ещё не направлено снова: освидетельствования быть не могло'));
    else if (data.examinedOn < submitted) errors.push(problem('examinedOn', 'Освидетельствование не может быть раньше направления, которое бюро приняло'));
  }
  return errors;
}

/** The referral the bureau accepted: the last resubmission (or the first referral), once the person was examined. */
export function acceptedReferralOn(r: { sentOn: string; answers: BureauAnswer[]; examinedOn: string | null }): string | null {
  if (!r.examinedOn) return null;
  return r.answers.at(-1)?.resubmittedOn ?? r.sentOn;
}

/** `acceptedReferralOn` in SQL over a referral alias. */
export const acceptedReferralOnSql = (alias: string) =>
  `(case when ${alias}.examined_on is not null then coalesce((${alias}.answers->-1->>'resubmittedOn')::date, ${alias}.sent_on) end)`;

/**
 * The person's loss: days from the first referral to the one the bureau accepted, in calendar days
 * and in working days of the production calendar (null where a year has none loaded).
 */
export function daysLost(r: { sentOn: string; answers: BureauAnswer[]; examinedOn: string | null }, calendar: WorkingCalendar) {
  const accepted = acceptedReferralOn(r);
  if (!accepted) return { calendarDays: null, workingDays: null };
  const calendarDays = differenceInCalendarDays(parseISO(accepted), parseISO(r.sentOn));
  const years = [Number(r.sentOn.slice(0, 4)), Number(accepted.slice(0, 4))];
  const workingDays = years.every((y) => calendar.covers(y)) ? calendar.workingDaysBetween(r.sentOn, accepted) : null;
  return { calendarDays, workingDays };
}

/** Within how many calendar days of the bureau's first answer the MO must send the referral again to count as prompt. */
export const PROMPT_RESUBMISSION_DAYS = 30;

/** The first answer was followed by a resubmission within 30 calendar days; null without an answer. */
export function resubmittedPromptly(answers: BureauAnswer[]): boolean | null {
  const first = answers[0];
  if (!first) return null;
  return first.resubmittedOn !== null && differenceInCalendarDays(parseISO(first.resubmittedOn), parseISO(first.answeredOn)) <= PROMPT_RESUBMISSION_DAYS;
}

/** `resubmittedPromptly` in SQL over a referral alias (null without an answer). */
export const resubmittedPromptlySql = (alias: string) =>
  `(case when jsonb_array_length(${alias}.answers) > 0 then coalesce((${alias}.answers->0->>'resubmittedOn')::date - (${alias}.answers->0->>'answeredOn')::date <= ${PROMPT_RESUBMISSION_DAYS}, false) end)`;
