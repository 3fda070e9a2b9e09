import { Migration } from '@mikro-orm/migrations';

export class Migration20261124074534 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "calendar_exception" ("day" date not null, "working" boolean not null, constraint "calendar_exception_pkey" primary key ("day"));`,
    );

    this.addSql(
      `create table "calendar_year" ("year" int not null, "source" text not null, "loaded_at" timestamptz not null default now(), constraint "calendar_year_pkey" primary key ("year"));`,
    );

    this.addSql(
      `create table "expertise_number_counter" ("smo_id" uuid not null, "year" int not null, "last" int not null, constraint "expertise_number_counter_pkey" primary key ("smo_id", "year"));`,
    );

    this.addSql(
      `create table "per_capita_norm" ("id" uuid not null, "care_kind" text check ("care_kind" in ('OUTPATIENT', 'INPATIENT', 'DAY_HOSPITAL', 'EMERGENCY')) not null, "amount" numeric(14,2) not null, "valid_from" date not null, "valid_to" date null, "basis" text not null, constraint "per_capita_norm_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "per_capita_norm_care_kind_valid_from_index" on "per_capita_norm" ("care_kind", "valid_from");`);

    this.addSql(
      `create table "expertise" ("id" uuid not null, "refusal_case_id" uuid not null, "smo_id" uuid not null, "type" text check ("type" in ('MEE', 'EKMP')) not null, "kind" text check ("kind" in ('TARGETED', 'PLANNED', 'THEMATIC', 'COMPLAINT')) not null, "number" text not null, "expert_id" uuid not null, "start_date" date not null, "catalogue_version_id" uuid not null, "documents_requested_on" date null, "documents_received_on" date null, "status" text check ("status" in ('DRAFT', 'DISCUSSION', 'SIGNED', 'DISPUTED', 'SETTLED')) not null default 'DRAFT', "findings_revision" int not null default 0, "conclusion_date" date null, "signed_by_id" uuid null, "signed_at" timestamptz null, "corrects_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "expertise_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "expertise_refusal_case_id_index" on "expertise" ("refusal_case_id");`);
    this.addSql(`alter table "expertise" add constraint "expertise_smo_id_number_unique" unique ("smo_id", "number");`);

    this.addSql(
      `create table "finding" ("id" uuid not null, "expertise_id" uuid not null, "defect_code_id" uuid not null, "description" text not null, "care_episode" text not null, "care_kind" text check ("care_kind" in ('OUTPATIENT', 'INPATIENT', 'DAY_HOSPITAL', 'EMERGENCY')) not null, "tariff" numeric(14,2) not null, "amount_not_paid" numeric(14,2) null, "fine" numeric(14,2) null, "per_capita_norm" numeric(14,2) null, "mo_position" text check ("mo_position" in ('AGREES', 'DISAGREES')) null, "mo_comment" text null, "created_at" timestamptz not null default now(), constraint "finding_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "finding_expertise_id_index" on "finding" ("expertise_id");`);

    this.addSql(
      `create table "expertise_discussion" ("id" uuid not null, "expertise_id" uuid not null, "held_on" date not null, "participants" jsonb not null, "notes" text null, "findings_revision" int not null, "recorded_by_id" uuid not null, "recorded_at" timestamptz not null default now(), constraint "expertise_discussion_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "expertise_discussion_expertise_id_index" on "expertise_discussion" ("expertise_id");`);

    this.addSql(
      `create table "expertise_appeal" ("id" uuid not null, "expertise_id" uuid not null, "filed_on" date not null, "grounds" text not null, "filed_by_id" uuid not null, "outcome" text check ("outcome" in ('UPHELD', 'OVERTURNED', 'PARTLY')) null, "decided_on" date null, "decision_comment" text null, "decided_by_id" uuid null, "revised_expertise_id" uuid null, constraint "expertise_appeal_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "expertise_appeal" add constraint "expertise_appeal_expertise_id_unique" unique ("expertise_id");`);

    this.addSql(
      `alter table "expertise" add constraint "expertise_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade;`,
    );
    this.addSql(`alter table "expertise" add constraint "expertise_smo_id_foreign" foreign key ("smo_id") references "organisation" ("id") on update cascade;`);
    this.addSql(
      `alter table "expertise" add constraint "expertise_expert_id_foreign" foreign key ("expert_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "expertise" add constraint "expertise_catalogue_version_id_foreign" foreign key ("catalogue_version_id") references "catalogue_version" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "expertise" add constraint "expertise_signed_by_id_foreign" foreign key ("signed_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "expertise" add constraint "expertise_corrects_id_foreign" foreign key ("corrects_id") references "expertise" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "finding" add constraint "finding_expertise_id_foreign" foreign key ("expertise_id") references "expertise" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_defect_code_id_foreign" foreign key ("defect_code_id") references "defect_code" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "expertise_discussion" add constraint "expertise_discussion_expertise_id_foreign" foreign key ("expertise_id") references "expertise" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "expertise_discussion" add constraint "expertise_discussion_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "expertise_appeal" add constraint "expertise_appeal_expertise_id_foreign" foreign key ("expertise_id") references "expertise" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "expertise_appeal" add constraint "expertise_appeal_filed_by_id_foreign" foreign key ("filed_by_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "expertise_appeal" add constraint "expertise_appeal_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "expertise_appeal" add constraint "expertise_appeal_revised_expertise_id_foreign" foreign key ("revised_expertise_id") references "expertise" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "case_history" drop constraint if exists "case_history_kind_check";`);

    this.addSql(
      `alter table "case_history" add constraint "case_history_kind_check" check("kind" in ('REGISTERED', 'IMPORTED', 'UPDATED', 'STATE_CHANGED', 'ENP_CHECKSUM_OVERRIDDEN', 'EXPERTISE_OPENED', 'EXPERTISE_UPDATED', 'FINDINGS_CHANGED', 'DISCUSSION_RECORDED', 'MO_POSITION_RECORDED', 'EXPERTISE_SIGNED', 'APPEAL_REGISTERED', 'APPEAL_SETTLED'));`,
    );
    // A signed conclusion is final: only its dispute status may move (signed → disputed → settled).
    this.addSql(`create or replace function razbor_guard_signed_expertise() returns trigger language plpgsql as $$
      declare
        frozen_old jsonb;
        frozen_new jsonb;
      begin
        if old.status in ('DRAFT', 'DISCUSSION') then
          return coalesce(new, old);
        end if;
        if tg_op = 'DELETE' then
          raise exception 'Подписанная экспертиза % не удаляется', old.number using errcode = 'integrity_constraint_violation';
        end if;
        frozen_old := to_jsonb(old) - array['status', 'version', 'updated_at'];
        frozen_new := to_jsonb(new) - array['status', 'version', 'updated_at'];
        if frozen_old <> frozen_new
           or not ((old.status = new.status)
                   or (old.status = 'SIGNED' and new.status in ('DISPUTED', 'SETTLED'))
                   or (old.status = 'DISPUTED' and new.status = 'SETTLED')) then
          raise exception 'Подписанная экспертиза % не изменяется', old.number using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(
      `create trigger expertise_frozen_after_signing before update or delete on "expertise" for each row execute function razbor_guard_signed_expertise();`,
    );
    this.addSql(`create or replace function razbor_guard_signed_children() returns trigger language plpgsql as $$
      declare
        parent_status text;
      begin
        select status into parent_status from expertise where id = coalesce(new.expertise_id, old.expertise_id);
        if parent_status not in ('DRAFT', 'DISCUSSION') then
          raise exception 'Экспертиза подписана: % не изменяется', tg_table_name using errcode = 'integrity_constraint_violation';
        end if;
        return coalesce(new, old);
      end $$;`);
    this.addSql(
      `create trigger finding_frozen_after_signing before insert or update or delete on "finding" for each row execute function razbor_guard_signed_children();`,
    );
    this.addSql(
      `create trigger discussion_frozen_after_signing before insert or update or delete on "expertise_discussion" for each row execute function razbor_guard_signed_children();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists expertise_frozen_after_signing on "expertise";`);
    this.addSql(`drop trigger if exists finding_frozen_after_signing on "finding";`);
    this.addSql(`drop trigger if exists discussion_frozen_after_signing on "expertise_discussion";`);
    this.addSql(`drop function if exists razbor_guard_signed_expertise();`);
    this.addSql(`drop function if exists razbor_guard_signed_children();`);
    this.addSql(`alter table "expertise" drop constraint "expertise_corrects_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_expertise_id_foreign";`);

    this.addSql(`alter table "expertise_discussion" drop constraint "expertise_discussion_expertise_id_foreign";`);

    this.addSql(`alter table "expertise_appeal" drop constraint "expertise_appeal_expertise_id_foreign";`);

    this.addSql(`alter table "expertise_appeal" drop constraint "expertise_appeal_revised_expertise_id_foreign";`);

    this.addSql(`drop table if exists "calendar_exception" cascade;`);

    this.addSql(`drop table if exists "calendar_year" cascade;`);

    this.addSql(`drop table if exists "expertise_number_counter" cascade;`);

    this.addSql(`drop table if exists "per_capita_norm" cascade;`);

    this.addSql(`drop table if exists "expertise" cascade;`);

    this.addSql(`drop table if exists "finding" cascade;`);

    this.addSql(`drop table if exists "expertise_discussion" cascade;`);

    this.addSql(`drop table if exists "expertise_appeal" cascade;`);

    this.addSql(`alter table "case_history" drop constraint if exists "case_history_kind_check";`);

    this.addSql(
      `alter table "case_history" add constraint "case_history_kind_check" check("kind" in ('REGISTERED', 'IMPORTED', 'UPDATED', 'STATE_CHANGED', 'ENP_CHECKSUM_OVERRIDDEN'));`,
    );
  }
}
