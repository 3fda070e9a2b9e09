import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, raw, sql, type Sql } from '../../db/sql.js';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { Role } from '../auth/role.js';
import type { Viewer } from '../auth/viewer.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { CalendarMissingError, type WorkingCalendar } from '../calendar/working-calendar.js';
import { APPEAL_WORKING_DAYS, DOCUMENTS_WORKING_DAYS, FUND_DECISION_WORKING_DAYS } from '../expertise/deadlines.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition, isSigned, openForEditsSql, readyToSignSql } from '../expertise/expertise-lifecycle.js';
import type { BusinessRules } from '../../config.js';
import type { ExpertiseStatus } from '../expertise/expertise.enums.js';
import { currentPositionSql } from '../expertise/finding-positions.js';
import { actionOpenSql, actionOverdueSql } from '../reviews/action-lifecycle.js';
import { TaskKind, type Task } from './task.types.js';

/** Actions due within this many working days already show among the tasks. */
export const ACTION_HORIZON_WORKING_DAYS = 5;

interface Dated {
  caseId: string;
  caseNumber: string;
  dueOn: string | null;
}

class TaskBuilder {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly now: string,
  ) {}

  safely<T>(compute: () => T): T | null {
    try {
      return compute();
    } catch (error) {
      if (error instanceof CalendarMissingError) return null;
      throw error;
    }
  }

  workingDaysLeft(dueOn: string): number | null {
    return this.safely(() => this.calendar.workingDaysBetween(this.now, dueOn));
  }

  task(kind: TaskKind, title: string, row: Dated, ids: { expertiseId?: string; actionId?: string } = {}): Task {
    const left = row.dueOn ? this.workingDaysLeft(row.dueOn) : null;
    return {
      kind,
      title,
      caseId: row.caseId,
      caseNumber: row.caseNumber,
      expertiseId: ids.expertiseId ?? null,
      actionId: ids.actionId ?? null,
      dueOn: row.dueOn,
      workingDaysLeft: left,
      overdue: row.dueOn !== null && row.dueOn < this.now,
    };
  }

  addWorkingDays(start: string, days: number): string | null {
    return this.safely(() => this.calendar.addWorkingDays(start, days));
  }
}

type Row = Record<string, string | number | null>;

async function casesAwaitingReview(em: EntityManager, where: Sql) {
  return execute<Row>(
    em,
    sql`select c.id as case_id, c.number as case_number, to_char(c.review_due_on, 'YYYY-MM-DD') as due_on
       from refusal_case c
      where c.state <> 'CLOSED' and ${where}
        and not exists (select 1 from commission_review r where r.refusal_case_id = c.id)`,
  );
}

async function openActions(em: EntityManager, where: Sql) {
  return execute<Row>(
    em,
    sql`select a.id, a.description, c.id as case_id, c.number as case_number, to_char(a.due_date, 'YYYY-MM-DD') as due_on
       from corrective_action a join refusal_case c on c.id = a.refusal_case_id
      where ${raw(actionOpenSql('a'))} and ${where}`,
  );
}

const dated = (row: Row): Dated => ({ caseId: String(row.case_id), caseNumber: String(row.case_number), dueOn: (row.due_on as string | null) ?? null });

async function moTasks(em: EntityManager, viewer: Viewer, b: TaskBuilder, now: string): Promise<Task[]> {
  const mo = viewer.organisationId;
  const horizon = b.addWorkingDays(now, ACTION_HORIZON_WORKING_DAYS) ?? '9999-12-31';
  const [reviews, actions, positions] = await Promise.all([
    casesAwaitingReview(em, sql`c.mo_id = ${mo}`),
    openActions(em, sql`c.mo_id = ${mo} and a.due_date <= ${horizon}`),
    execute<Row>(
      em,
      sql`select distinct e.id, e.number, c.id as case_id, c.number as case_number
         from expertise e join refusal_case c on c.id = e.refusal_case_id join finding f on f.expertise_id = e.id
        where c.mo_id = ${mo} and ${raw(openForEditsSql('e'))} and ${raw(currentPositionSql('f'))} is null`,
    ),
  ]);
  return [
    ...reviews.map((r) => b.task(TaskKind.REVIEW_DUE, `Провести комиссионный разбор случая ${r.case_number}`, dated(r))),
    ...actions.map((a) =>
      b.task(a.due_on! < now ? TaskKind.ACTION_OVERDUE : TaskKind.ACTION_DUE, `Мероприятие «${a.description}» — срок ${ruDate(String(a.due_on))}`, dated(a), {
        actionId: String(a.id),
      }),
    ),
    ...positions.map((p) =>
      b.task(
        TaskKind.MO_POSITION_NEEDED,
        `Указать позицию МО по замечаниям экспертизы ${p.number}`,
        { ...dated(p), dueOn: null },
        { expertiseId: String(p.id) },
      ),
    ),
  ];
}

/** The act's way to the MO: to be sent once signed; a reminder when the MO has not confirmed receipt in time. */
function actTasks(e: Row, b: TaskBuilder, now: string, rules: BusinessRules): Task[] {
  const ids = { expertiseId: String(e.id) };
  if (!isSigned(e.status as ExpertiseStatus) || e.issued_by_fund || e.act_received_on) return [];
  if (!e.act_sent_on) return [b.task(TaskKind.ACT_NOT_SENT, `Направить акт ${e.number} в МО`, { ...dated(e), dueOn: null }, ids)];
  const dueOn = b.addWorkingDays(String(e.act_sent_on), rules.actReceiptWorkingDays);
  return dueOn && dueOn < now
    ? [
        b.task(
          TaskKind.ACT_RECEIPT_MISSING,
          `МО не подтвердила получение акта ${e.number}, направленного ${ruDate(String(e.act_sent_on))}`,
          { ...dated(e), dueOn },
          ids,
        ),
      ]
    : [];
}

async function smoTasks(em: EntityManager, viewer: Viewer, b: TaskBuilder, now: string, rules: BusinessRules): Promise<Task[]> {
  const rows = await execute<Row>(
    em,
    sql`select e.id, e.number, e.status, c.id as case_id, c.number as case_number,
            to_char(e.documents_requested_on, 'YYYY-MM-DD') as requested_on, e.documents_received_on is not null as received,
            to_char(e.conclusion_date, 'YYYY-MM-DD') as conclusion_date,
            exists (select 1 from finding f where f.expertise_id = e.id) as has_findings,
            ${raw(openForEditsSql('e'))} as open,
            exists (select 1 from expertise_discussion d where d.expertise_id = e.id and d.findings_revision = e.findings_revision) as discussed,
            ${raw(readyToSignSql('e'))} as ready_to_sign,
            to_char(d.sent_on, 'YYYY-MM-DD') as act_sent_on, to_char(d.received_on, 'YYYY-MM-DD') as act_received_on,
            exists (select 1 from expertise_appeal r where r.revised_expertise_id = e.id) as issued_by_fund
       from expertise e join refusal_case c on c.id = e.refusal_case_id
       left join expertise_act_delivery d on d.expertise_id = e.id
      where e.smo_id = ${viewer.organisationId}`,
  );
  const tasks: Task[] = [];
  for (const e of rows) {
    const ids = { expertiseId: String(e.id) };
    const open = Boolean(e.open);
    if (open && e.requested_on && !e.received) {
      const dueOn = b.addWorkingDays(String(e.requested_on), DOCUMENTS_WORKING_DAYS);
      if (dueOn && dueOn < now)
        tasks.push(b.task(TaskKind.DOCUMENTS_OVERDUE, `МО не представила документы по экспертизе ${e.number}`, { ...dated(e), dueOn }, ids));
    }
    if (open && e.has_findings && !e.discussed) {
      tasks.push(b.task(TaskKind.DISCUSSION_NEEDED, `Провести совместный разбор с МО по экспертизе ${e.number}`, { ...dated(e), dueOn: null }, ids));
    }
    if (e.ready_to_sign) {
      tasks.push(b.task(TaskKind.READY_TO_SIGN, `Подписать заключение ${e.number}`, { ...dated(e), dueOn: null }, ids));
    }
    tasks.push(...actTasks(e, b, now, rules));
    if (EXPERTISE_LIFECYCLE.startsFrom(ExpertiseTransition.APPEAL, e.status as ExpertiseStatus) && e.act_received_on) {
      const dueOn = b.addWorkingDays(String(e.act_received_on), APPEAL_WORKING_DAYS);
      const left = dueOn ? b.workingDaysLeft(dueOn) : null;
      if (dueOn && left !== null && left >= 0 && left <= ACTION_HORIZON_WORKING_DAYS) {
        tasks.push(b.task(TaskKind.APPEAL_WINDOW_CLOSING, `Истекает срок обжалования заключения ${e.number}`, { ...dated(e), dueOn }, ids));
      }
    }
  }
  return tasks;
}

/** Claims of MOs the fund has not decided yet: each is due 30 working days after it was filed. */
async function pendingClaims(em: EntityManager) {
  return execute<Row>(
    em,
    sql`select e.id, e.number, c.id as case_id, c.number as case_number, to_char(ap.filed_on, 'YYYY-MM-DD') as filed_on
       from expertise_appeal ap join expertise e on e.id = ap.expertise_id join refusal_case c on c.id = e.refusal_case_id
      where ap.decided_on is null`,
  );
}

async function fundTasks(em: EntityManager, b: TaskBuilder, now: string): Promise<Task[]> {
  const [reviews, actions, claims] = await Promise.all([
    casesAwaitingReview(em, sql`c.review_due_on < ${now}`),
    openActions(em, actionOverdueSql('a', now)),
    pendingClaims(em),
  ]);
  return [
    ...claims.map((a) => {
      const dueOn = b.addWorkingDays(String(a.filed_on), FUND_DECISION_WORKING_DAYS);
      const title = `Рассмотреть обжалование заключения ${a.number}, поданное ${ruDate(String(a.filed_on))}`;
      return b.task(TaskKind.APPEAL_DECISION_DUE, title, { ...dated(a), dueOn }, { expertiseId: String(a.id) });
    }),
    ...reviews.map((r) => b.task(TaskKind.REVIEW_OVERDUE, `Просрочен комиссионный разбор случая ${r.case_number}`, dated(r))),
    ...actions.map((a) => b.task(TaskKind.ACTION_OVERDUE, `Просрочено мероприятие «${a.description}»`, dated(a), { actionId: String(a.id) })),
  ];
}

const KIND_ORDER = Object.values(TaskKind);

/**
 * Most urgent first: the most overdue, then the nearest due dates, then tasks without a date;
 * on the same date, in the order of the task kinds, then by case number.
 */
export function byUrgency(a: Task, b: Task): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.caseNumber.localeCompare(b.caseNumber);
}

export async function myTasks(em: EntityManager, viewer: Viewer, rules: BusinessRules): Promise<Task[]> {
  const now = today();
  const builder = new TaskBuilder(await loadWorkingCalendar(em), now);
  const tasks =
    viewer.role === Role.MO_COMMISSION
      ? await moTasks(em, viewer, builder, now)
      : viewer.role === Role.SMO_EXPERT
        ? await smoTasks(em, viewer, builder, now, rules)
        : await fundTasks(em, builder, now);
  return tasks.sort(byUrgency);
}
