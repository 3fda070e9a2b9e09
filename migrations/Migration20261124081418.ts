import { Migration } from '@mikro-orm/migrations';

export class Migration20261124081418 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "report_submission" ("id" uuid not null, "smo_id" uuid not null, "year" int not null, "quarter" int not null, "revision" int not null, "status" text check ("status" in ('SUBMITTED', 'ACCEPTED', 'RETURNED')) not null default 'SUBMITTED', "figures" jsonb not null, "xlsx" bytea not null, "docx" bytea not null, "submitted_by_id" uuid not null, "submitted_at" timestamptz not null default now(), "submitted_on" date not null, "due_on" date null, "late" boolean not null, "review_comment" text null, "reviewed_by_id" uuid null, "reviewed_at" timestamptz null, constraint "report_submission_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "report_submission" add constraint "report_submission_smo_id_year_quarter_revision_unique" unique ("smo_id", "year", "quarter", "revision");`,
    );

    this.addSql(
      `create table "improvement_plan" ("id" uuid not null, "smo_id" uuid not null, "year" int not null, "quarter" int not null, "created_by_id" uuid not null, "created_at" timestamptz not null default now(), constraint "improvement_plan_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "improvement_plan" add constraint "improvement_plan_smo_id_year_quarter_unique" unique ("smo_id", "year", "quarter");`);

    this.addSql(
      `create table "plan_item" ("id" uuid not null, "plan_id" uuid not null, "measure" text not null, "target_mo_ids" uuid[] not null default '{}', "responsible_organisation" text not null, "responsible_person" text not null, "due_date" date not null, "defect_codes" text[] not null default '{}', "root_cause_ids" uuid[] not null default '{}', "status" text check ("status" in ('PLANNED', 'IN_PROGRESS', 'DONE', 'NOT_DONE')) not null default 'PLANNED', "outcome" text null, "carried_from_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null default now(), constraint "plan_item_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "plan_item_plan_id_index" on "plan_item" ("plan_id");`);

    this.addSql(
      `create table "plan_item_confirmation" ("id" uuid not null, "item_id" uuid not null, "mo_id" uuid not null, "agreed" boolean not null, "comment" text null, "confirmed_by_id" uuid not null, "confirmed_at" timestamptz not null default now(), constraint "plan_item_confirmation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "plan_item_confirmation_item_id_index" on "plan_item_confirmation" ("item_id");`);
    this.addSql(`alter table "plan_item_confirmation" add constraint "plan_item_confirmation_item_id_mo_id_unique" unique ("item_id", "mo_id");`);

    this.addSql(
      `alter table "report_submission" add constraint "report_submission_smo_id_foreign" foreign key ("smo_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "report_submission" add constraint "report_submission_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "report_submission" add constraint "report_submission_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "improvement_plan" add constraint "improvement_plan_smo_id_foreign" foreign key ("smo_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "improvement_plan" add constraint "improvement_plan_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "plan_item" add constraint "plan_item_plan_id_foreign" foreign key ("plan_id") references "improvement_plan" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "plan_item" add constraint "plan_item_carried_from_id_foreign" foreign key ("carried_from_id") references "plan_item" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "plan_item_confirmation" add constraint "plan_item_confirmation_item_id_foreign" foreign key ("item_id") references "plan_item" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "plan_item_confirmation" add constraint "plan_item_confirmation_mo_id_foreign" foreign key ("mo_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "plan_item_confirmation" add constraint "plan_item_confirmation_confirmed_by_id_foreign" foreign key ("confirmed_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(`create index "expertise_conclusion_date_index" on "expertise" ("conclusion_date");`);
    // A submitted report is frozen: only the fund's decision on the latest version may be written.
    this.addSql(`create or replace function razbor_guard_report_submission() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'Сданный отчёт не удаляется' using errcode = 'integrity_constraint_violation';
        end if;
        if (to_jsonb(new) - array['status', 'review_comment', 'reviewed_by_id', 'reviewed_at'])
           <> (to_jsonb(old) - array['status', 'review_comment', 'reviewed_by_id', 'reviewed_at'])
           or old.status <> 'SUBMITTED' then
          raise exception 'Сданный отчёт не изменяется' using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(
      `create trigger report_submission_frozen before update or delete on "report_submission" for each row execute function razbor_guard_report_submission();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_submission_frozen on "report_submission";`);
    this.addSql(`drop function if exists razbor_guard_report_submission();`);
    this.addSql(`alter table "plan_item" drop constraint "plan_item_plan_id_foreign";`);

    this.addSql(`alter table "plan_item" drop constraint "plan_item_carried_from_id_foreign";`);

    this.addSql(`alter table "plan_item_confirmation" drop constraint "plan_item_confirmation_item_id_foreign";`);

    this.addSql(`drop table if exists "report_submission" cascade;`);

    this.addSql(`drop table if exists "improvement_plan" cascade;`);

    this.addSql(`drop table if exists "plan_item" cascade;`);

    this.addSql(`drop table if exists "plan_item_confirmation" cascade;`);

    this.addSql(`drop index "expertise_conclusion_date_index";`);
  }
}
