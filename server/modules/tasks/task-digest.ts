import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusinessRules } from '../../config.js';
import { execute, sql } from '../../db/sql.js';
import { ruDate } from '../../shared/dates.js';
import { plural, workingDaysLeft } from '../../shared/plural.js';
import { Role } from '../auth/role.js';
import { User } from '../auth/user.entity.js';
import { Viewer } from '../auth/viewer.js';
import { addressed, linkTo } from '../mail/mail-notices.js';
import { enqueueMail } from '../mail/mail-outbox.js';
import { myTaskQueue } from './task.service.js';
import type { Task } from './task.types.js';

/** A task is in the digest when it is overdue or due within this many working days. */
export const DIGEST_DUE_WITHIN_WORKING_DAYS = 3;

const DIGEST_ROLES = [Role.SMO_EXPERT, Role.MO_COMMISSION, Role.MONITORING];

const inDigest = (task: Task) => task.overdue || (task.workingDaysLeft !== null && task.workingDaysLeft <= DIGEST_DUE_WITHIN_WORKING_DAYS);

const when = (task: Task): string => (task.dueOn ? ` — ${workingDaysLeft(task.workingDaysLeft)} (срок ${ruDate(task.dueOn)})` : '');

/** Cases of the MO registered in the day before the digest: the commission learns of them before their review falls due. */
async function newCasesOfMo(em: EntityManager, moId: string) {
  return execute<{ id: string; number: string; refusal_date: string }>(
    em,
    sql`select id, number, to_char(refusal_date, 'YYYY-MM-DD') as refusal_date from refusal_case
         where mo_id = ${moId} and created_at > now() - interval '1 day' order by number`,
  );
}

/**
 * The most urgent tasks due, at most `limit` of them, and whether more are due. Those due come first
 * in the queue (the undated last), so the queue is built only as far as the digest lists.
 */
async function tasksDue(em: EntityManager, viewer: Viewer, rules: BusinessRules, limit: number) {
  const queue = await myTaskQueue(em, viewer, rules, limit + 1);
  const due = queue.tasks.slice(0, limit + 1).filter(inDigest);
  return { tasks: due.slice(0, limit), more: due.length > limit };
}

async function digestText(em: EntityManager, user: User, rules: BusinessRules, limit: number): Promise<string | null> {
  const viewer = new Viewer(user.id, user.role, user.organisation?.id ?? null);
  const { tasks, more } = await tasksDue(em, viewer, rules, limit);
  const cases = user.role === Role.MO_COMMISSION && user.organisation ? await newCasesOfMo(em, user.organisation.id) : [];
  if (tasks.length === 0 && cases.length === 0) return null;
  const parts: string[] = [];
  if (tasks.length) {
    parts.push(
      `Задачи, срок которых прошёл или наступает в ближайшие ${DIGEST_DUE_WITHIN_WORKING_DAYS} ${plural(DIGEST_DUE_WITHIN_WORKING_DAYS, 'рабочий день', 'рабочих дня', 'рабочих дней')} (${more ? `самые срочные: ${tasks.length}; остальные — в Razbor, на странице «Мои задачи»` : tasks.length}):\n` +
        tasks.map((t) => `• ${t.title}${when(t)}\n  ${linkTo(t.link)}`).join('\n'),
    );
  }
  if (cases.length) {
    parts.push(
      `Новые случаи отказа по вашей МО за сутки (${cases.length}):\n` +
        cases.map((c) => `• ${c.number}, отказ от ${ruDate(c.refusal_date)}\n  ${linkTo(`/cases/${c.id}`)}`).join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n\nВсе задачи: ${linkTo('/')}`;
}

/**
 * Writes each user's digest of the day into the outbox: tasks overdue or due soon, and an MO's new
 * cases. Users without an address or with nothing to report get none; a day's digest is written once
 * per user (its key), whichever server process gets there first.
 */
export async function enqueueDailyDigests(em: EntityManager, rules: BusinessRules, day: string, limit: number): Promise<number> {
  const users = await em.find(User, { active: true, email: { $ne: null }, role: { $in: DIGEST_ROLES } }, { orderBy: { login: 'asc' } });
  let written = 0;
  for (const user of users) {
    const already = await execute(em, sql`select 1 from mail_message where dedup_key = ${digestKey(user, day)}`);
    if (already.length) continue;
    const text = await digestText(em, user, rules, limit);
    if (!text) continue;
    const recipient = { fullName: user.fullName, email: user.email! };
    written += await enqueueMail(
      em,
      addressed([recipient], `Razbor: сводка на ${ruDate(day)}`, text, () => digestKey(user, day)),
    );
  }
  return written;
}

const digestKey = (user: User, day: string) => `digest:${user.id}:${day}`;
