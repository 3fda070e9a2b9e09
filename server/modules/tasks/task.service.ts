import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, raw, sql, when, type Sql } from '../../db/sql.js';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { previousQuarter, quarterOf } from '../../shared/calendar-quarters.js';
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
    return {
      ...this.elsewhere(kind, title, `/cases/${row.caseId}`, row.dueOn),
      caseId: row.caseId,
      caseNumber: row.caseNumber,
      expertiseId: ids.expertiseId ?? null,
      actionId: ids.actionId ?? null,
    };
  }

  /** A task done on another page than a case card (a plan, a report). */
  elsewhere(kind: TaskKind, title: string, link: string, dueOn: string | null): Task {
    return {
      kind,
      title,
      link,
      caseId: null,
      caseNumber: null,
      expertiseId: null,
      actionId: null,
      dueOn,
      workingDaysLeft: dueOn ? this.workingDaysLeft(dueOn) : null,
      overdue: dueOn !== null && dueOn < this.now,
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

/** Acts sent to the MO whose receipt it has not recorded: the appeal window runs from that day. */
async function actsNotAcknowledged(em: EntityManager, mo: string) {
  return execute<Row>(
    em,
    sql`select e.id, e.number, c.id as case_id, c.number as case_number, to_char(d.sent_on, 'YYYY-MM-DD') as sent_on
       from expertise_act_delivery d join expertise e on e.id = d.expertise_id join refusal_case c on c.id = e.refusal_case_id
      where c.mo_id = ${mo} and d.received_on is null`,
  );
}

/** Items of this quarter's and the last quarter's plans addressed to the MO (or to all MOs), not done, that it has not answered. */
async function planItemsToAgree(em: EntityManager, mo: string, now: string) {
  // A local midnight of the day, so that the quarter is the day's whatever the server's zone.
  const current = quarterOf(new Date(`${now}T00:00:00`));
  const earliest = previousQuarter(current.year, current.quarter);
  return execute<Row>(
    em,
    sql`select i.id, i.measure, p.year, p.quarter, p.smo_id, o.short_name as smo_name
       from plan_item i join improvement_plan p on p.id = i.plan_id join organisation o on o.id = p.smo_id
      where i.status <> 'DONE' and (cardinality(i.target_mo_ids) = 0 or ${mo}::uuid = any(i.target_mo_ids))
        and p.year * 4 + p.quarter >= ${earliest.year * 4 + earliest.quarter}
        and not exists (select 1 from plan_item_confirmation pc where pc.item_id = i.id and pc.mo_id = ${mo})
      order by p.year, p.quarter, i.created_at`,
  );
}

async function moTasks(em: EntityManager, viewer: Viewer, b: TaskBuilder, now: string, rules: BusinessRules): Promise<Task[]> {
  const mo = viewer.organisationId;
  const horizon = b.addWorkingDays(now, ACTION_HORIZON_WORKING_DAYS) ?? '9999-12-31';
  const [reviews, actions, positions, acts, planItems] = await Promise.all([
    casesAwaitingReview(em, sql`c.mo_id = ${mo}`),
    openActions(em, sql`c.mo_id = ${mo} and a.due_date <= ${horizon}`),
    execute<Row>(
      em,
      sql`select distinct e.id, e.number, c.id as case_id, c.number as case_number
         from expertise e join refusal_case c on c.id = e.refusal_case_id join finding f on f.expertise_id = e.id
        where c.mo_id = ${mo} and ${raw(openForEditsSql('e'))} and ${raw(currentPositionSql('f'))} is null`,
    ),
    actsNotAcknowledged(em, mo!),
    planItemsToAgree(em, mo!, now),
  ]);
  return [
    ...reviews.map((r) => b.task(TaskKind.REVIEW_DUE, `Провести комиссионный разбор случая ${r.case_number}`, dated(r))),
    ...actions.map((a) =>
      b.task(a.due_on! < now ? TaskKind.ACTION_OVERDUE : TaskKind.ACTION_DUE, `Мероприятие «${a.description}» — срок ${ruDate(String(a.due_on))}`, dated(a), {
        actionId: String(a.id),
      }),
    ),
    ...acts.map((a) =>
      b.task(
        TaskKind.ACT_TO_ACKNOWLEDGE,
        `Подтвердить получение акта ${a.number}, направленного ${ruDate(String(a.sent_on))}`,
        { ...dated(a), dueOn: b.addWorkingDays(String(a.sent_on), rules.actReceiptWorkingDays) },
        { expertiseId: String(a.id) },
      ),
    ),
    ...planItems.map((i) =>
      b.elsewhere(
        TaskKind.PLAN_ITEM_TO_AGREE,
        `Согласовать пункт плана ${i.smo_name} на ${i.quarter} квартал ${i.year}: «${i.measure}»`,
        `/plan?year=${i.year}&quarter=${i.quarter}&smo=${i.smo_id}`,
        null,
      ),
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

/** The SMO's reports whose latest version the fund returned. */
async function returnedReports(em: EntityManager, smo: string) {
  return execute<Row>(
    em,
    sql`select year, quarter, review_comment, to_char(due_on, 'YYYY-MM-DD') as due_on from (
        select distinct on (s.year, s.quarter) s.year, s.quarter, s.status, s.review_comment, s.due_on
          from report_submission s where s.smo_id = ${smo} order by s.year, s.quarter, s.revision desc) latest
      where status = 'RETURNED'`,
  );
}

/**
 * The SMO's open cases no expertise was opened on yet, in the order of their numbers (as the queue
 * orders these undated tasks), at most `limit` of them (one at least: it carries the count), each row carrying how many there are in all:
 * a backlog of a hundred thousand is a count, not a hundred thousand tasks built for one page.
 */
async function casesWithoutExpertise(em: EntityManager, smo: string, limit: number | null) {
  return execute<Row>(
    em,
    sql`select c.id as case_id, c.number as case_number, count(*) over () as total from refusal_case c
      where c.smo_id = ${smo} and c.state <> 'CLOSED' and not exists (select 1 from expertise e where e.refusal_case_id = c.id)
      order by c.number collate "C" ${when(limit !== null, () => sql`limit ${Math.max(1, limit ?? 1)}`)}`,
  );
}

async function smoTasks(em: EntityManager, viewer: Viewer, b: TaskBuilder, now: string, rules: BusinessRules, limit: number | null): Promise<Queue> {
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
  const [returned, withoutExpertise] = await Promise.all([
    returnedReports(em, viewer.organisationId!),
    casesWithoutExpertise(em, viewer.organisationId!, limit),
  ]);
  const tasks: Task[] = [
    ...returned.map((r) =>
      b.elsewhere(
        TaskKind.REPORT_RETURNED,
        `Исправить и сдать снова отчёт за ${r.quarter} квартал ${r.year}: возвращён${r.review_comment ? ` («${r.review_comment}»)` : ''}`,
        `/reports?year=${r.year}&quarter=${r.quarter}`,
        (r.due_on as string | null) ?? null,
      ),
    ),
    ...withoutExpertise.map((c) => b.task(TaskKind.CASE_WITHOUT_EXPERTISE, `Открыть экспертизу по случаю ${c.case_number}`, { ...dated(c), dueOn: null })),
  ];
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
  return { tasks, notBuilt: Number(withoutExpertise[0]?.total ?? 0) - withoutExpertise.length };
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
  const [reviews, actions, claims, reports] = await Promise.all([
    casesAwaitingReview(em, sql`c.review_due_on < ${now}`),
    openActions(em, actionOverdueSql('a', now)),
    pendingClaims(em),
    execute<Row>(
      em,
      sql`select s.year, s.quarter, s.smo_id, o.short_name as smo_name, s.revision, to_char(s.submitted_on, 'YYYY-MM-DD') as submitted_on
         from report_submission s join organisation o on o.id = s.smo_id where s.status = 'SUBMITTED'`,
    ),
  ]);
  return [
    ...reports.map((r) =>
      b.elsewhere(
        TaskKind.REPORT_TO_ACCEPT,
        `Принять или вернуть отчёт ${r.smo_name} за ${r.quarter} квартал ${r.year} (версия ${r.revision}, сдан ${ruDate(String(r.submitted_on))})`,
        `/reports?year=${r.year}&quarter=${r.quarter}&smo=${r.smo_id}`,
        null,
      ),
    ),
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
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byCodePoints(a.caseNumber ?? a.title, b.caseNumber ?? b.title);
}

/** Text in code-point order, as PostgreSQL's "C" collation sorts it: the queue's SQL and its sort agree. */
const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The tasks built, and how many more of the same kinds the limit left unbuilt. */
interface Queue {
  tasks: Task[];
  notBuilt: number;
}

/**
 * The viewer's queue, most urgent first, and how many tasks it holds. With `limit`, the first `limit`
 * tasks are exact and the kinds that can run to many thousands are built only that far (`complete`
 * says whether anything was left unbuilt).
 */
export async function myTaskQueue(
  em: EntityManager,
  viewer: Viewer,
  rules: BusinessRules,
  limit: number | null = null,
): Promise<{ tasks: Task[]; total: number; complete: boolean }> {
  const now = today();
  const builder = new TaskBuilder(await loadWorkingCalendar(em), now);
  const queue: Queue =
    viewer.role === Role.MO_COMMISSION
      ? { tasks: await moTasks(em, viewer, builder, now, rules), notBuilt: 0 }
      : viewer.role === Role.SMO_EXPERT
        ? await smoTasks(em, viewer, builder, now, rules, limit)
        : { tasks: await fundTasks(em, builder, now), notBuilt: 0 };
  return { tasks: queue.tasks.sort(byUrgency), total: queue.tasks.length + queue.notBuilt, complete: queue.notBuilt === 0 };
}

export async function myTasks(em: EntityManager, viewer: Viewer, rules: BusinessRules): Promise<Task[]> {
  return (await myTaskQueue(em, viewer, rules)).tasks;
}
