import { Migration } from '@mikro-orm/migrations';

export class Migration20261124072058 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "app_setting" ("key" text not null, "value" text not null, constraint "app_setting_pkey" primary key ("key"));`);

    this.addSql(
      `create table "catalogue_version" ("id" uuid not null, "name" text not null, "source_document" text not null, "effective_from" date not null, "content_hash" text not null, "code_count" int not null, "imported_at" timestamptz not null default now(), constraint "catalogue_version_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "catalogue_version" add constraint "catalogue_version_name_effective_from_unique" unique ("name", "effective_from");`);

    this.addSql(
      `create table "defect_code" ("id" uuid not null, "catalogue_version_id" uuid not null, "code" text not null, "section" smallint not null, "parent_code" text null, "text" text not null, "non_payment_coefficient" numeric null, "fine_coefficient" numeric null, "assignable" boolean not null, "position" int not null, constraint "defect_code_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "defect_code" add constraint "defect_code_catalogue_version_id_code_unique" unique ("catalogue_version_id", "code");`);

    this.addSql(
      `create table "organisation" ("id" uuid not null, "kind" text check ("kind" in ('SMO', 'MO', 'MSE_BUREAU', 'FUND')) not null, "full_name" text not null, "short_name" text not null, "ogrn" text not null, "region" text not null, "active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "organisation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);
    this.addSql(`alter table "organisation" add constraint "organisation_ogrn_unique" unique ("ogrn");`);

    this.addSql(
      `create table "revoked_token" ("token_id" text not null, "expires_at" timestamptz not null, constraint "revoked_token_pkey" primary key ("token_id"));`,
    );
    this.addSql(`create index "revoked_token_expires_at_index" on "revoked_token" ("expires_at");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "login" text not null, "full_name" text not null, "position" text null, "role" text check ("role" in ('SMO_EXPERT', 'MO_COMMISSION', 'MONITORING', 'ADMIN')) not null, "organisation_id" uuid null, "password_hash" text not null, "active" boolean not null default true, "token_version" int not null default 0, "version" int not null default 1, "last_login_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "app_user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_login_unique" unique ("login");`);
    this.addSql(`create index "app_user_organisation_id_index" on "app_user" ("organisation_id");`);

    this.addSql(
      `alter table "defect_code" add constraint "defect_code_catalogue_version_id_foreign" foreign key ("catalogue_version_id") references "catalogue_version" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "defect_code" drop constraint "defect_code_catalogue_version_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_organisation_id_foreign";`);

    this.addSql(`drop table if exists "app_setting" cascade;`);

    this.addSql(`drop table if exists "catalogue_version" cascade;`);

    this.addSql(`drop table if exists "defect_code" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "revoked_token" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);
  }
}
