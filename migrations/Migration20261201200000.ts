import { Migration } from '@mikro-orm/migrations';

/** Dictionaries of the federal register of reference data (ФНСИ): versions side by side, and their rows. */
export class Migration20261201200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "register_version" ("id" uuid not null, "oid" text not null, "version" text not null, "short_name" text not null, "full_name" text not null, "published_on" date not null, "row_count" int not null, "imported_at" timestamptz not null default now(), constraint "register_version_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "register_version" add constraint "register_version_oid_version_unique" unique ("oid", "version");`);
    this.addSql(
      `create table "register_entry" ("id" uuid not null, "version_id" uuid not null, "row_key" text not null, "parent_key" text null, "code" text null, "name" text not null, "actual" boolean not null, "changed_on" date null, "data" jsonb not null, constraint "register_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "register_entry_version_id_code_index" on "register_entry" ("version_id", "code");`);
    this.addSql(
      `alter table "register_entry" add constraint "register_entry_version_id_foreign" foreign key ("version_id") references "register_version" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "register_entry" cascade;`);
    this.addSql(`drop table if exists "register_version" cascade;`);
  }
}
