import { Migration } from '@mikro-orm/migrations';

export class Migration20261124073244 extends Migration {
  override async up(): Promise<void> {
    // Trigram indexes for the case search (pg_trgm is a trusted extension: the database owner may create it).
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create or replace function razbor_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'Записи таблицы % не изменяются и не удаляются', tg_table_name using errcode = 'integrity_constraint_violation';
      end $$;`);
    this.addSql(`create table "case_number_counter" ("year" int not null, "last" int not null, constraint "case_number_counter_pkey" primary key ("year"));`);

    this.addSql(
      `create table "insured_person" ("id" uuid not null, "enp" text not null, "enp_checksum_overridden" boolean not null default false, "snils" text null, "surname" text not null, "name" text not null, "patronymic" text null, "birth_date" date not null, "sex" text check ("sex" in ('MALE', 'FEMALE')) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "insured_person_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "insured_person" add constraint "insured_person_enp_unique" unique ("enp");`);

    this.addSql(
      `create table "refusal_case" ("id" uuid not null, "number" text not null, "person_id" uuid not null, "smo_id" uuid not null, "mo_id" uuid not null, "bureau_id" uuid not null, "referral_number" text not null, "referral_date" date not null, "refusal_date" date not null, "refusal_document_number" text not null, "main_diagnosis" text not null, "secondary_diagnoses" text[] not null default '{}', "missing_examinations" jsonb not null, "remarks" text null, "state" text check ("state" in ('REGISTERED', 'UNDER_EXPERTISE', 'AWAITING_MO_REVIEW', 'CLOSED', 'REOPENED')) not null default 'REGISTERED', "registered_by_id" uuid not null, "idempotency_key" text null, "search_text" text not null default '', "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "refusal_case_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "refusal_case" add constraint "refusal_case_number_unique" unique ("number");`);
    this.addSql(`create index "refusal_case_person_id_index" on "refusal_case" ("person_id");`);
    this.addSql(`create index "refusal_case_bureau_id_index" on "refusal_case" ("bureau_id");`);
    this.addSql(`create index "refusal_case_state_index" on "refusal_case" ("state");`);
    this.addSql(`create index "refusal_case_main_diagnosis_index" on "refusal_case" ("main_diagnosis" text_pattern_ops);`);
    this.addSql(`create index "refusal_case_search_text_index" on "refusal_case" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "refusal_case_refusal_date_id_index" on "refusal_case" ("refusal_date", "id");`);
    this.addSql(`create index "refusal_case_mo_refusal_date_index" on "refusal_case" ("mo_id", "refusal_date");`);
    this.addSql(`create index "refusal_case_smo_refusal_date_index" on "refusal_case" ("smo_id", "refusal_date");`);
    this.addSql(`alter table "refusal_case" add constraint "refusal_case_idempotency_unique" unique ("smo_id", "idempotency_key");`);
    this.addSql(`alter table "refusal_case" add constraint "refusal_case_person_bureau_date_unique" unique ("person_id", "bureau_id", "refusal_date");`);

    this.addSql(
      `create table "case_history" ("id" uuid not null, "refusal_case_id" uuid not null, "occurred_at" timestamptz not null default clock_timestamp(), "actor_id" uuid null, "kind" text check ("kind" in ('REGISTERED', 'IMPORTED', 'UPDATED', 'STATE_CHANGED', 'ENP_CHECKSUM_OVERRIDDEN')) not null, "summary" text not null, "changes" jsonb not null default '[]', constraint "case_history_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "case_history_case_occurred_index" on "case_history" ("refusal_case_id", "occurred_at");`);
    // The timeline of a case is evidence: the database itself refuses to rewrite it.
    this.addSql(`create trigger case_history_append_only before update or delete on "case_history" for each row execute function razbor_refuse_change();`);

    this.addSql(
      `alter table "refusal_case" add constraint "refusal_case_person_id_foreign" foreign key ("person_id") references "insured_person" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "refusal_case" add constraint "refusal_case_smo_id_foreign" foreign key ("smo_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "refusal_case" add constraint "refusal_case_mo_id_foreign" foreign key ("mo_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "refusal_case" add constraint "refusal_case_bureau_id_foreign" foreign key ("bureau_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "refusal_case" add constraint "refusal_case_registered_by_id_foreign" foreign key ("registered_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "case_history" add constraint "case_history_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "case_history" add constraint "case_history_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists case_history_append_only on "case_history";`);
    this.addSql(`alter table "refusal_case" drop constraint "refusal_case_person_id_foreign";`);

    this.addSql(`alter table "case_history" drop constraint "case_history_refusal_case_id_foreign";`);

    this.addSql(`drop table if exists "case_number_counter" cascade;`);

    this.addSql(`drop table if exists "insured_person" cascade;`);

    this.addSql(`drop table if exists "refusal_case" cascade;`);

    this.addSql(`drop table if exists "case_history" cascade;`);
    this.addSql(`drop function if exists razbor_refuse_change();`);
  }
}
