import { Migration } from '@mikro-orm/migrations';

export class Migration20261202000724 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "referral" ("id" uuid not null, "refusal_case_id" uuid not null, "vk_protocol_number" text not null, "vk_protocol_date" date not null, "purpose" text check ("purpose" in ('DISABILITY_GROUP', 'CHILD_DISABLED', 'DISABILITY_CAUSE', 'WORK_CAPACITY_LOSS', 'REHABILITATION_PROGRAM', 'OTHER')) not null, "examination_kind" text check ("examination_kind" in ('PRIMARY', 'REPEAT')) not null, "sent_on" date not null, "answers" jsonb not null default '[]', "examined_on" date null, "outcome" text check ("outcome" in ('GROUP_I', 'GROUP_II', 'GROUP_III', 'CHILD_DISABLED', 'NOT_ESTABLISHED')) null, "version" int not null default 1, "updated_at" timestamptz not null, constraint "referral_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "referral" add constraint "referral_refusal_case_id_unique" unique ("refusal_case_id");`);

    this.addSql(
      `alter table "referral" add constraint "referral_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "referral" cascade;`);
  }
}
