import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../../shared/ids.js';

/**
 * A mail waiting to be sent, or sent: the outbox lives in PostgreSQL so that a restart loses
 * nothing, and every server process may send from it without two of them sending one mail.
 */
@Entity({ tableName: 'mail_message' })
// Only mails still to send are looked up by time; sent ones stay as a record and leave the index.
@Index({
  name: 'mail_message_pending_idx',
  expression: 'create index "mail_message_pending_idx" on "mail_message" ("send_after") where "sent_at" is null and "given_up_at" is null',
})
export class MailMessage {
  [OptionalProps]?: 'createdAt' | 'sendAfter' | 'attempts' | 'dedupKey' | 'sentAt' | 'givenUpAt' | 'lastError';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'text' })
  recipient!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  body!: string;

  /** One mail per key (a user's digest of a day): a second process or a second run adds nothing. */
  @Property({ type: 'text', nullable: true, unique: true })
  dedupKey: string | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Not before: a failed attempt is tried again later. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  sendAfter: Date = new Date();

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;

  /** Too old or refused too often: never sent. */
  @Property({ type: 'timestamptz', nullable: true })
  givenUpAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;
}
