import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayLiteral, execute, lookedUp, raw, sql, when, type Sql } from '../../db/sql.js';
import { today } from '../../shared/clock.js';
import { ruDate } from '../../shared/dates.js';
import { previousQuarter, quarterOf } from '../../shared/calendar-quarters.js';
import { Role } from '../auth/role.js';
import type { Viewer } from '../auth/viewer.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { CalendarMissingError, type WorkingCalendar } from '../calendar/working-calendar.js';
import { APPEAL_WORKING_DAYS, DOCUMENTS_WORKING_DAYS, FUND_DECISION_WORKING_DAYS } from '../expertise/deadlines.js';
import {
  discussedAtCurrentRevisionSql,
  EXPERTISE_LIFECYCLE,
  ExpertiseTransition,
  isSigned,
  issuedByFundSql,
  openForEditsSql,
  readyToSignSql,
} from '../expertise/expertise-lifecycle.js';
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

/** The first rows of one kind of task in the queue's order (all when no limit), and how many there are in all. */
interface Cut {
  rows: Row[];
  total: number;
}

/** The queue's order within one kind: due date (undated last), then case number in code-point order, as the sort. */
const QUEUE_ORDER = 'due_on, case_number collate "C", id';

/**
 * The first `limit` rows of one kind of task in the queue's order (one at least: it carries the count),
 * with how many there are: a backlog of a hundred thousand is a count, not a hundred thousand tasks
 * built for one page. Each select names `id`, `case_number` and `due_on` (null for undated kinds).
 */
async function firstOfKind(em: EntityManager, select: Sql, limit: number | null): Promise<Cut> {
  const rows = await execute<Row>(
    em,
    sql`select kind.*, count(*) over () as total from (${select}) kind
      order by ${raw(QUEUE_ORDER)} ${when(limit !== null, () => sql`limit ${Math.max(1, limit ?? 1)}`)}`,
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

const notBuilt = (cuts: Cut[]) => cuts.reduce((sum, cut) => sum + cut.total - cut.rows.length, 0);

/** The case of a task's record, looked up by key for each row: joined, every case of the archive would be read. */
const caseOf = (record: string): Sql => lookedUp('c', sql`select c.id, c.number, c.mo_id from refusal_case c where c.id = ${raw(record)}.refusal_case_id`);

const casesAwaitingReview = (em: EntityManager, where: Sql, limit: number | null) =>
  firstOfKind(
    em,
    sql`select c.id, c.id as case_id, c.number as case_number, to_char(c.review_due_on, 'YYYY-MM-DD') as due_on
       from refusal_case c
      where c.state <> 'CLOSED' and not c.has_review and ${where}`,
    limit,
  );

const openActions = (em: EntityManager, where: Sql, limit: number | null) =>
  firstOfKind(
    em,
    sql`select a.id, a.description, c.id as case_id, c.number as case_number, to_char(a.due_date, 'YYYY-MM-DD') as due_on
       from corrective_action a cross join ${caseOf('a')}
      where ${raw(actionOpenSql('a'))} and ${where}`,
    limit,
  );

const dated = (row: Row): Dated => ({ caseId: String(row.case_id), caseNumber: String(row.case_number), dueOn: (row.due_on as string | null) ?? null });

/** Acts sent to the MO whose receipt it has not recorded: the appeal window runs from that day. */
async function actsNotAcknowledged(em: EntityManager, mo: string) {
  return execute<Row>(
    em,
    sql`select e.id, e.number, c.id as case_id, c.number as case_number, to_char(d.sent_on, 'YYYY-MM-DD') as sent_on
       from expertise_act_delivery d join expertise e on e.id = d.expertise_id join refusal_case c on c.id = e.refusal_case_id
      where d.received_on is null and c.mo_id = ${mo}`,
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

async function moTasks(em: EntityManager, viewer: Viewer, b: TaskBuilder, now: string, rules: BusinessRules, limit: number | null): Promise<Queue> {
  const mo = viewer.organisationId;
  const horizon = b.addWorkingDays(now, ACTION_HORIZON_WORKING_DAYS) ?? '9999-12-31';
  const [reviews, actions, positions, acts, planItems] = await Promise.all([
    casesAwaitingReview(em, sql`c.mo_id = ${mo}`, limit),
    openActions(em, sql`c.mo_id = ${mo} and a.due_date <= ${horizon}`, limit),
    expertisesOfKind(
      em,
      sql`e.mo_id = ${mo} and ${raw(openForEditsSql('e'))}
        and exists (select 1 from finding f where f.expertise_id = e.id and ${raw(currentPositionSql('f'))} is null)`,
      limit,
    ),
    actsNotAcknowledged(em, mo!),
    planItemsToAgree(em, mo!, now),
  ]);
  const tasks = [
    ...reviews.rows.map((r) => b.task(TaskKind.REVIEW_DUE, `Провести комиссионный разбор случая ${r.case_number}`, dated(r))),
    ...actions.rows.map((a) =>
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
    ...positions.rows.map((p) =>
      b.task(
        TaskKind.MO_POSITION_NEEDED,
        `Указать позицию МО по замечаниям экспертизы ${p.number}`,
        { ...dated(p), dueOn: null },
        { expertiseId: String(p.id) },
      ),
    ),
  ];
  return { tasks, notBuilt: notBuilt([reviews, actions, positions]) };
}

/** A reminder when the MO has not confirmed the receipt of an act in time (the act not sent at all is an undated task). */
function actReceiptTasks(e: Row, b: TaskBuilder, now: string, rules: BusinessRules): Task[] {
  if (!isSigned(e.status as ExpertiseStatus) || e.issued_by_fund || e.act_received_on || !e.act_sent_on) return [];
  const dueOn = b.addWorkingDays(String(e.act_sent_on), rules.actReceiptWorkingDays);
  if (!dueOn || dueOn >= now) return [];
  const title = `МО не подтвердила получение акта ${e.number}, направленного ${ruDate(String(e.act_sent_on))}`;
  return [b.task(TaskKind.ACT_RECEIPT_MISSING, title, { ...dated(e), dueOn }, { expertiseId: String(e.id) })];
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

/** The SMO's open cases no expertise was opened on yet. */
const casesWithoutExpertise = (em: EntityManager, smo: string, limit: number | null) =>
  firstOfKind(
    em,
    sql`select c.id, c.id as case_id, c.number as case_number, null as due_on from refusal_case c
      where c.smo_id = ${smo} and c.state <> 'CLOSED' and not c.has_expertise`,
    limit,
  );

const hasFindingsSql = (e: string) => `exists (select 1 from finding f where f.expertise_id = ${e}.id)`;

/** The kinds of expertise task without a due date: each can run to thousands, so each is cut in SQL. */
const UNDATED_EXPERTISE_TASKS: Array<{ kind: TaskKind; where: string; title: (number: string) => string }> = [
  {
    kind: TaskKind.DISCUSSION_NEEDED,
    where: `${openForEditsSql('e')} and ${hasFindingsSql('e')} and not ${discussedAtCurrentRevisionSql('e')}`,
    title: (n) => `Провести совместный разбор с МО по экспертизе ${n}`,
  },
  { kind: TaskKind.READY_TO_SIGN, where: readyToSignSql('e'), title: (n) => `Подписать заключение ${n}` },
  {
    // A signed conclusion whose act has gone nowhere yet (one the fund issued on an appeal is not the SMO's to send).
    kind: TaskKind.ACT_NOT_SENT,
    // The database keeps `act_recorded` from the act's delivery; its partial index holds the SMO's acts not recorded yet, in the queue's order.
    where: `not e.act_recorded and not ${openForEditsSql('e')} and not ${issuedByFundSql('e')}`,
    title: (n) => `Направить акт ${n} в МО`,
  },
];

/** Expertises of a kind of task: each carries its case's MO and number (kept by the database), so no case is looked up. */
const expertisesOfKind = (em: EntityManager, where: Sql, limit: number | null) =>
  firstOfKind(em, sql`select e.id, e.number, e.refusal_case_id as case_id, e.case_number, null as due_on from expertise e where ${where}`, limit);

/**
 * Expertises that may carry a dated task: documents requested and not received, an act sent and not
 * acknowledged, an act received recently enough for its appeal window to be open. Whether each is due
 * is worked out with the working calendar; these are as many as there is overdue work, so all are read.
 * Each of the three is found from its own partial index and only then joined: the archive's
 * finished expertises are never read.
 */
async function datedExpertiseCandidates(em: EntityManager, smo: string, now: string) {
  // 15 working days never span more than three times as many calendar days, even across the New Year holidays.
  const appealWindowFrom = sql`${now}::date - ${APPEAL_WORKING_DAYS * 3}`;
  const appealableStatuses = EXPERTISE_LIFECYCLE.rule(ExpertiseTransition.APPEAL).from;
  const documentsAwaited = sql`select e.id from expertise e
      where e.smo_id = ${smo} and ${raw(openForEditsSql('e'))} and e.documents_requested_on is not null and e.documents_received_on is null`;
  const actsAwaited = sql`select d.expertise_id from expertise_act_delivery d where d.received_on is null and d.sent_on is not null`;
  const actsReceivedLately = sql`select d.expertise_id from expertise_act_delivery d where d.received_on >= ${appealWindowFrom}`;
  return execute<Row>(
    em,
    sql`select e.id, e.number, e.status, c.id as case_id, c.number as case_number,
            to_char(e.documents_requested_on, 'YYYY-MM-DD') as requested_on, ${raw(openForEditsSql('e'))} as open,
            to_char(d.sent_on, 'YYYY-MM-DD') as act_sent_on, to_char(d.received_on, 'YYYY-MM-DD') as act_received_on,
            ${raw(issuedByFundSql('e'))} as issued_by_fund
       from (${documentsAwaited} union ${actsAwaited} union ${actsReceivedLately}) candidate
       join expertise e on e.id = candidate.id join refusal_case c on c.id = e.refusal_case_id
       left join expertise_act_delivery d on d.expertise_id = e.id
      where e.smo_id = ${smo}
        and ((${raw(openForEditsSql('e'))} and e.documents_requested_on is not null and e.documents_received_on is null)
          or (not ${raw(openForEditsSql('e'))} and d.sent_on is not null and d.received_on is null)
          or (e.status = any(${arrayLiteral(appealableStatuses)}::text[]) and d.received_on >= ${appealWindowFrom}))`,
  );
}

function datedExpertiseTasks(e: Row, b: TaskBuilder, now: string, rules: BusinessRules): Task[] {
  const ids = { expertiseId: String(e.id) };
  const tasks: Task[] = [];
  if (e.open && e.requested_on) {
    const dueOn = b.addWorkingDays(String(e.requested_on), DOCUMENTS_WORKING_DAYS);
    if (dueOn && dueOn < now)
      tasks.push(b.task(TaskKind.DOCUMENTS_OVERDUE, `МО не представила документы по экспертизе ${e.number}`, { ...dated(e), dueOn }, ids));
  }
  tasks.push(...actReceiptTasks(e, b, now, rules));
  if (EXPERTISE_LIFECYCLE.startsFrom(ExpertiseTransition.APPEAL, e.status as ExpertiseStatus) && e.act_received_on) {
    const dueOn = b.addWorkingDays(String(e.act_received_on), APPEAL_WORKING_DAYS);
    const left = dueOn ? b.workingDaysLeft(dueOn) : null;
    if (dueOn && left !== null && left >= 0 && left <= ACTION_HORIZON_WORKING_DAYS) {
      tasks.push(b.task(TaskKind.APPEAL_WINDOW_CLOSING, `Истекает срок обжалования заключения ${e.number}`, { ...dated(e), dueOn }, ids));
    }
  }
  return tasks;
}

async function smoTasks(em: EntityManager, viewer: Viewer, b: TaskBuilder, now: string, rules: BusinessRules, limit: number | null): Promise<Queue> {
  const smo = viewer.organisationId!;
  const [candidates, returned, withoutExpertise, ...undated] = await Promise.all([
    datedExpertiseCandidates(em, smo, now),
    returnedReports(em, smo),
    casesWithoutExpertise(em, smo, limit),
    ...UNDATED_EXPERTISE_TASKS.map((kind) => expertisesOfKind(em, sql`e.smo_id = ${smo} and ${raw(kind.where)}`, limit)),
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
    ...withoutExpertise.rows.map((c) => b.task(TaskKind.CASE_WITHOUT_EXPERTISE, `Открыть экспертизу по случаю ${c.case_number}`, { ...dated(c), dueOn: null })),
    ...UNDATED_EXPERTISE_TASKS.flatMap(({ kind, title }, i) =>
      undated[i].rows.map((e) => b.task(kind, title(String(e.number)), { ...dated(e), dueOn: null }, { expertiseId: String(e.id) })),
    ),
    ...candidates.flatMap((e) => datedExpertiseTasks(e, b, now, rules)),
  ];
  return { tasks, notBuilt: notBuilt([withoutExpertise, ...undated]) };
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

async function fundTasks(em: EntityManager, b: TaskBuilder, now: string, limit: number | null): Promise<Queue> {
  const [reviews, actions, claims, reports] = await Promise.all([
    casesAwaitingReview(em, sql`c.review_due_on < ${now}`, limit),
    openActions(em, actionOverdueSql('a', now), limit),
    pendingClaims(em),
    execute<Row>(
      em,
      sql`select s.year, s.quarter, s.smo_id, o.short_name as smo_name, s.revision, to_char(s.submitted_on, 'YYYY-MM-DD') as submitted_on
         from report_submission s join organisation o on o.id = s.smo_id where s.status = 'SUBMITTED'`,
    ),
  ]);
  const tasks = [
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
    ...reviews.rows.map((r) => b.task(TaskKind.REVIEW_OVERDUE, `Просрочен комиссионный разбор случая ${r.case_number}`, dated(r))),
    ...actions.rows.map((a) => b.task(TaskKind.ACTION_OVERDUE, `Просрочено мероприятие «${a.description}»`, dated(a), { actionId: String(a.id) })),
  ];
  return { tasks, notBuilt: notBuilt([reviews, actions]) };
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
  const queue =
    viewer.role === Role.MO_COMMISSION
      ? await moTasks(em, viewer, builder, now, rules, limit)
      : viewer.role === Role.SMO_EXPERT
        ? await smoTasks(em, viewer, builder, now, rules, limit)
        : await fundTasks(em, builder, now, limit);
  return { tasks: queue.tasks.sort(byUrgency), total: queue.tasks.length + queue.notBuilt, complete: queue.notBuilt === 0 };
}
