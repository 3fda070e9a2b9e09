import { Migration } from '@mikro-orm/migrations';

/** The act's way to the MO: when and how the SMO sent it, and when the MO received it (326-ФЗ art. 42 part 1). */
export class Migration20261201140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "expertise_act_delivery" ("id" uuid not null, "expertise_id" uuid not null, "sent_on" date null, "method" text check ("method" in ('HAND', 'MAIL', 'EDO')) null, "sent_by_id" uuid null, "received_on" date null, "receipt_recorded_by_id" uuid null, "created_at" timestamptz not null, constraint "expertise_act_delivery_pkey" primary key ("id"), constraint act_delivery_sent_or_received check (sent_on is not null or received_on is not null), constraint act_received_after_sent check (received_on is null or sent_on is null or received_on >= sent_on));`,
    );
    this.addSql(`alter table "expertise_act_delivery" add constraint "expertise_act_delivery_expertise_id_unique" unique ("expertise_id");`);
    this.addSql(
      `alter table "expertise_act_delivery" add constraint "expertise_act_delivery_expertise_id_foreign" foreign key ("expertise_id") references "expertise" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "expertise_act_delivery" add constraint "expertise_act_delivery_sent_by_id_foreign" foreign key ("sent_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "expertise_act_delivery" add constraint "expertise_act_delivery_receipt_recorded_by_id_foreign" foreign key ("receipt_recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
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
