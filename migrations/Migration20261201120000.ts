import { Migration } from '@mikro-orm/migrations';

export class Migration20261201120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "login_known_address" ("login" text not null, "address" text not null, "last_success_at" timestamptz not null, constraint "login_known_address_pkey" primary key ("login", "address"));`,
    );
    // Failures were counted per login and per address; they are now per login and address pair too.
    this.addSql(`delete from "login_failure";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_known_address" cascade;`);
  }
}
