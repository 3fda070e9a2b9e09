import { Migration } from '@mikro-orm/migrations';

export class Migration20261124080008 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "root_cause" ("id" uuid not null, "code" text not null, "name" text not null, "requires_text" boolean not null default false, "position" int not null, "active" boolean not null default true, constraint "root_cause_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "root_cause" add constraint "root_cause_code_unique" unique ("code");`);

    this.addSql(
      `create table "commission_review" ("id" uuid not null, "refusal_case_id" uuid not null, "protocol_number" text not null, "protocol_date" date not null, "members" jsonb not null, "causes" jsonb not null, "conclusion" text not null, "agrees_with_findings" boolean null, "finding_opinions" jsonb not null default '[]', "recorded_by_id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "commission_review_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "commission_review" add constraint "commission_review_refusal_case_id_unique" unique ("refusal_case_id");`);
    this.addSql(`create index "commission_review_protocol_date_index" on "commission_review" ("protocol_date");`);

    this.addSql(
      `create table "corrective_action" ("id" uuid not null, "review_id" uuid not null, "refusal_case_id" uuid not null, "description" text not null, "type" text check ("type" in ('CORRECTIVE', 'PREVENTIVE')) not null, "owner_name" text not null, "owner_position" text not null, "due_date" date not null, "status" text check ("status" in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')) not null default 'PLANNED', "evidence" text null, "cancel_reason" text null, "completed_on" date null, "confirmed_by_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "corrective_action_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "corrective_action_review_id_index" on "corrective_action" ("review_id");`);
    this.addSql(`create index "corrective_action_refusal_case_id_index" on "corrective_action" ("refusal_case_id");`);
    this.addSql(`create index "corrective_action_status_due_date_index" on "corrective_action" ("status", "due_date");`);

    this.addSql(
      `create table "case_comment" ("id" uuid not null, "refusal_case_id" uuid not null, "author_id" uuid not null, "organisation_id" uuid null, "shared" boolean not null, "text" text not null, "created_at" timestamptz not null default now(), constraint "case_comment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "case_comment_refusal_case_id_created_at_index" on "case_comment" ("refusal_case_id", "created_at");`);

    this.addSql(
      `create table "attachment" ("id" uuid not null, "owner_type" text check ("owner_type" in ('CASE', 'REVIEW', 'ACTION')) not null, "owner_id" uuid not null, "refusal_case_id" uuid not null, "file_name" text not null, "content_type" text not null, "size" int not null, "sha256" text not null, "content" bytea not null, "uploaded_by_id" uuid not null, "uploaded_at" timestamptz not null default now(), constraint "attachment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "attachment_refusal_case_id_index" on "attachment" ("refusal_case_id");`);
    this.addSql(`create index "attachment_owner_type_owner_id_index" on "attachment" ("owner_type", "owner_id");`);

    this.addSql(
      `alter table "commission_review" add constraint "commission_review_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "commission_review" add constraint "commission_review_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "corrective_action" add constraint "corrective_action_review_id_foreign" foreign key ("review_id") references "commission_review" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "corrective_action" add constraint "corrective_action_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "corrective_action" add constraint "corrective_action_confirmed_by_id_foreign" foreign key ("confirmed_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "case_comment" add constraint "case_comment_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "case_comment" add constraint "case_comment_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "case_comment" add constraint "case_comment_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "attachment" add constraint "attachment_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "attachment" add constraint "attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(`alter table "case_history" drop constraint if exists "case_history_kind_check";`);

    this.addSql(`alter table "refusal_case" add column "review_due_on" date null;`);

    this.addSql(
      `alter table "case_history" add constraint "case_history_kind_check" check("kind" in ('REGISTERED', 'IMPORTED', 'UPDATED', 'STATE_CHANGED', 'ENP_CHECKSUM_OVERRIDDEN', 'EXPERTISE_OPENED', 'EXPERTISE_UPDATED', 'FINDINGS_CHANGED', 'DISCUSSION_RECORDED', 'MO_POSITION_RECORDED', 'EXPERTISE_SIGNED', 'APPEAL_REGISTERED', 'APPEAL_SETTLED', 'REVIEW_RECORDED', 'ACTION_UPDATED', 'COMMENT_SHARED', 'ATTACHMENT_ADDED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "corrective_action" drop constraint "corrective_action_review_id_foreign";`);

    this.addSql(`drop table if exists "root_cause" cascade;`);

    this.addSql(`drop table if exists "commission_review" cascade;`);

    this.addSql(`drop table if exists "corrective_action" cascade;`);

    this.addSql(`drop table if exists "case_comment" cascade;`);

    this.addSql(`drop table if exists "attachment" cascade;`);

    this.addSql(`alter table "case_history" drop constraint if exists "case_history_kind_check";`);

    this.addSql(
      `alter table "case_history" add constraint "case_history_kind_check" check("kind" in ('REGISTERED', 'IMPORTED', 'UPDATED', 'STATE_CHANGED', 'ENP_CHECKSUM_OVERRIDDEN', 'EXPERTISE_OPENED', 'EXPERTISE_UPDATED', 'FINDINGS_CHANGED', 'DISCUSSION_RECORDED', 'MO_POSITION_RECORDED', 'EXPERTISE_SIGNED', 'APPEAL_REGISTERED', 'APPEAL_SETTLED'));`,
    );

    this.addSql(`alter table "refusal_case" drop column "review_due_on";`);
  }
}
