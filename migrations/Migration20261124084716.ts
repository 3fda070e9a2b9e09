import { Migration } from '@mikro-orm/migrations';

export class Migration20261124084716 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "login_failure" ("id" bigserial primary key, "key" text not null, "failed_at" timestamptz not null default now());`);
    this.addSql(`create index "login_failure_key_failed_at_index" on "login_failure" ("key", "failed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_failure" cascade;`);
  }
}
