import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062505 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mail_message" ("id" uuid not null, "recipient" text not null, "subject" text not null, "body" text not null, "dedup_key" text null, "created_at" timestamptz not null default now(), "send_after" timestamptz not null default now(), "attempts" int not null default 0, "sent_at" timestamptz null, "given_up_at" timestamptz null, "last_error" text null, constraint "mail_message_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "mail_message" add constraint "mail_message_dedup_key_unique" unique ("dedup_key");`);
    this.addSql(`create index "mail_message_pending_idx" on "mail_message" ("send_after") where "sent_at" is null and "given_up_at" is null;`);

    this.addSql(`alter table "app_user" add column "email" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mail_message" cascade;`);

    this.addSql(`alter table "app_user" drop column "email";`);
  }
}
