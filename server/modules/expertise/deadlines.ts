import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { CalendarMissingError, type WorkingCalendar } from '../calendar/working-calendar.js';

export enum DeadlineStatus {
  MET = 'MET',
  LATE = 'LATE',
  PENDING = 'PENDING',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  CALENDAR_MISSING = 'CALENDAR_MISSING',
}

registerEnumType(DeadlineStatus, {
  name: 'DeadlineStatus',
  description: 'Соблюдение срока',
  valuesConfig: {
    MET: { description: 'выполнено в срок' },
    LATE: { description: 'выполнено с опозданием' },
    PENDING: { description: 'срок не истёк' },
    DUE_SOON: { description: 'срок истекает (3 рабочих дня и меньше)' },
    OVERDUE: { description: 'срок истёк, не выполнено' },
    CALENDAR_MISSING: { description: 'нет производственного календаря на нужный год' },
  },
});

export const DUE_SOON_WORKING_DAYS = 3;

@ObjectType({ description: 'Срок в рабочих днях производственного календаря' })
export class Deadline {
  @Field({ description: 'Что должно быть сделано' })
  label!: string;

  @Field(() => LocalDateScalar, { description: 'С какой даты считается' })
  startsOn!: string;

  @Field(() => Int, { description: 'Сколько рабочих дней дано' })
  workingDays!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Последний день срока' })
  dueOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Когда выполнено' })
  doneOn!: string | null;

  @Field(() => DeadlineStatus)
  status!: DeadlineStatus;

  @Field(() => Int, { nullable: true, description: 'Рабочих дней до конца срока (отрицательное — просрочено на столько)' })
  workingDaysLeft!: number | null;

  @Field(() => String, { nullable: true, description: 'Почему срок не рассчитан' })
  problem!: string | null;
}

/** Where a deadline of `workingDays` working days from `startsOn` stands on `today`. */
export function deadline(
  calendar: WorkingCalendar,
  spec: { label: string; startsOn: string; workingDays: number; doneOn: string | null },
  today: string,
): Deadline {
  const base = { ...spec, dueOn: null, workingDaysLeft: null, problem: null };
  try {
    const dueOn = calendar.addWorkingDays(spec.startsOn, spec.workingDays);
    if (spec.doneOn) {
      return { ...base, dueOn, status: spec.doneOn <= dueOn ? DeadlineStatus.MET : DeadlineStatus.LATE };
    }
    const left = calendar.workingDaysBetween(today, dueOn);
    const status = today > dueOn ? DeadlineStatus.OVERDUE : left <= DUE_SOON_WORKING_DAYS ? DeadlineStatus.DUE_SOON : DeadlineStatus.PENDING;
    return { ...base, dueOn, workingDaysLeft: left, status };
  } catch (error) {
    if (error instanceof CalendarMissingError) return { ...base, status: DeadlineStatus.CALENDAR_MISSING, problem: error.message };
    throw error;
  }
}

export const DOCUMENTS_WORKING_DAYS = 10;
export const APPEAL_WORKING_DAYS = 15;
/** The fund considers the MO's claim and organises a repeat expertise within this many working days of receiving it (326-ФЗ art. 42 part 3). */
export const FUND_DECISION_WORKING_DAYS = 30;
