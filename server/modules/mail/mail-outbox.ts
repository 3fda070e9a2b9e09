import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, insertRows, sql } from '../../db/sql.js';
import { newId } from '../../shared/ids.js';

/** A mail as Razbor writes it: plain Russian text to one address. */
export interface OutgoingMail {
  recipient: string;
  subject: string;
  body: string;
  /** One mail per key: a digest of a user's day is written once whichever process writes it first. */
  dedupKey?: string;
}

/** Sends one mail; throws when the mail server refuses it. */
export type SendMail = (mail: { to: string; subject: string; text: string }) => Promise<void>;

export interface DeliverySettings {
  /** Mails older than this are given up rather than sent late (a mail switched on after weeks off sends no backlog). */
  maxAgeHours: number;
  batchSize: number;
  maxAttempts: number;
}

/** Puts mails in the outbox within the caller's transaction: they are sent only if its work is committed. */
export async function enqueueMail(em: EntityManager, mails: OutgoingMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const insert = insertRows(
    'mail_message',
    mails.map((m) => ({ id: newId(), recipient: m.recipient, subject: m.subject, body: m.body, dedup_key: m.dedupKey ?? null })),
  );
  const rows = await execute<{ id: string }>(em, { sql: `${insert.sql} on conflict (dedup_key) do nothing returning id`, params: insert.params });
  return rows.length;
}

/** Seconds to wait before the next attempt: 1, 2, 4 … minutes, at most an hour. */
const retryDelaySeconds = (attempts: number) => Math.min(3600, 60 * 2 ** (attempts - 1));

/**
 * Sends what is due. The mails are locked for the whole batch (`for update skip locked`), so a
 * second process takes other mails or none, and a mail is marked sent in the transaction that
 * locked it. Only a crash between the mail server's answer and the commit sends a mail again.
 */
export async function deliverPendingMail(em: EntityManager, send: SendMail, settings: DeliverySettings): Promise<{ sent: number; failed: number }> {
  return em.transactional(async (tx) => {
    await execute(
      tx,
      sql`update mail_message set given_up_at = now(), last_error = coalesce(last_error, 'не отправлено вовремя')
           where sent_at is null and given_up_at is null and created_at < now() - make_interval(hours => ${settings.maxAgeHours})`,
    );
    const due = await execute<{ id: string; recipient: string; subject: string; body: string; attempts: number }>(
      tx,
      sql`select id, recipient, subject, body, attempts from mail_message
           where sent_at is null and given_up_at is null and send_after <= now()
           order by send_after, created_at limit ${settings.batchSize} for update skip locked`,
    );
    let sent = 0;
    for (const mail of due) {
      try {
        await send({ to: mail.recipient, subject: mail.subject, text: mail.body });
        await execute(tx, sql`update mail_message set sent_at = now(), attempts = attempts + 1, last_error = null where id = ${mail.id}`);
        sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        await execute(
          tx,
          sql`update mail_message set attempts = ${attempts}, last_error = ${reason},
                     send_after = now() + make_interval(secs => ${retryDelaySeconds(attempts)}),
                     given_up_at = case when ${attempts} >= ${settings.maxAttempts} then now() end
               where id = ${mail.id}`,
        );
      }
    }
    return { sent, failed: due.length - sent };
  });
}
