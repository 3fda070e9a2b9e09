import { Migration } from '@mikro-orm/migrations';

export class Migration20261201235352 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "examination_range" ("id" uuid not null, "version_id" uuid not null, "nmu_code" text not null, "description" text not null, "basic" boolean not null, "type" text null, "section" text not null, "range_from" text not null, "range_to" text not null, constraint "examination_range_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "examination_range_version_id_section_index" on "examination_range" ("version_id", "section");`);

    this.addSql(
      `create table "examination_text_code" ("text_key" text not null, "nmu_code" text not null, "mapped_by_id" uuid not null, "mapped_at" timestamptz not null default now(), constraint "examination_text_code_pkey" primary key ("text_key"));`,
    );

    this.addSql(
      `alter table "examination_range" add constraint "examination_range_version_id_foreign" foreign key ("version_id") references "register_version" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "examination_text_code" add constraint "examination_text_code_mapped_by_id_foreign" foreign key ("mapped_by_id") references "app_user" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "examination_range" cascade;`);

    this.addSql(`drop table if exists "examination_text_code" cascade;`);
  }
}
