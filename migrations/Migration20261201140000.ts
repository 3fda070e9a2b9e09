import { Migration } from '@mikro-orm/migrations';

/** The act's way to the MO: when and how the SMO sent it, and when the MO received it (326-ФЗ art. 42 part 1). */
export class Migration20261201140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "expertise_act_delivery" (
      "id" uuid not null primary key,
      "expertise_id" uuid not null unique references "expertise" ("id"),
      "sent_on" date null,
      "method" text null check ("method" in ('HAND', 'MAIL', 'EDO')),
      "sent_by_id" uuid null references "app_user" ("id"),
      "received_on" date null,
      "receipt_recorded_by_id" uuid null references "app_user" ("id"),
      "created_at" timestamptz not null default now(),
      check ("sent_on" is not null or "received_on" is not null),
      check ("received_on" is null or "sent_on" is null or "received_on" >= "sent_on"));`);
    this.addSql(`alter table "case_history" drop constraint if exists "case_history_kind_check";`);
    this.addSql(
      `alter table "case_history" add constraint "case_history_kind_check" check("kind" in ('REGISTERED', 'IMPORTED', 'UPDATED', 'STATE_CHANGED', 'ENP_CHECKSUM_OVERRIDDEN', 'EXPERTISE_OPENED', 'EXPERTISE_UPDATED', 'FINDINGS_CHANGED', 'DISCUSSION_RECORDED', 'MO_POSITION_RECORDED', 'EXPERTISE_SIGNED', 'APPEAL_REGISTERED', 'APPEAL_SETTLED', 'REVIEW_RECORDED', 'ACTION_UPDATED', 'COMMENT_SHARED', 'ATTACHMENT_ADDED', 'ACT_SENT', 'ACT_RECEIVED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "expertise_act_delivery" cascade;`);
    this.addSql(`delete from "case_history" where "kind" in ('ACT_SENT', 'ACT_RECEIVED');`);
    this.addSql(`alter table "case_history" drop constraint if exists "case_history_kind_check";`);
    this.addSql(
      `alter table "case_history" add constraint "case_history_kind_check" check("kind" in ('REGISTERED', 'IMPORTED', 'UPDATED', 'STATE_CHANGED', 'ENP_CHECKSUM_OVERRIDDEN', 'EXPERTISE_OPENED', 'EXPERTISE_UPDATED', 'FINDINGS_CHANGED', 'DISCUSSION_RECORDED', 'MO_POSITION_RECORDED', 'EXPERTISE_SIGNED', 'APPEAL_REGISTERED', 'APPEAL_SETTLED', 'REVIEW_RECORDED', 'ACTION_UPDATED', 'COMMENT_SHARED', 'ATTACHMENT_ADDED'));`,
    );
  }
}
