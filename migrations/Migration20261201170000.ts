import { Migration } from '@mikro-orm/migrations';

/**
 * Cases of care and kinds of norm. Findings were independent lines, each with its episode typed
 * as text and its tariff typed again; they now belong to a care episode (one per distinct episode
 * text and tariff of an expertise), and per-capita norms belong to a kind administrators define
 * (the four kinds of the former fixed list to begin with). Conclusions already signed keep the
 * amounts their act stated: they are marked as counting every finding.
 */
export class Migration20261201170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "norm_kind" ("id" uuid not null, "code" text not null, "name" text not null, "created_at" timestamptz not null default now(), constraint "norm_kind_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "norm_kind" add constraint "norm_kind_code_unique" unique ("code");`);
    this.addSql(`insert into "norm_kind" ("id", "code", "name") values
      (gen_random_uuid(), 'OUTPATIENT', 'Амбулаторная помощь'),
      (gen_random_uuid(), 'INPATIENT', 'Стационар'),
      (gen_random_uuid(), 'DAY_HOSPITAL', 'Дневной стационар'),
      (gen_random_uuid(), 'EMERGENCY', 'Скорая медицинская помощь');`);

    this.addSql(`alter table "per_capita_norm" add column "norm_kind_id" uuid null;`);
    this.addSql(`update "per_capita_norm" n set "norm_kind_id" = k."id" from "norm_kind" k where k."code" = n."care_kind";`);
    this.addSql(`alter table "per_capita_norm" alter column "norm_kind_id" set not null;`);
    this.addSql(
      `alter table "per_capita_norm" add constraint "per_capita_norm_norm_kind_id_foreign" foreign key ("norm_kind_id") references "norm_kind" ("id") on update cascade;`,
    );
    this.addSql(`drop index "per_capita_norm_care_kind_valid_from_index";`);
    this.addSql(`alter table "per_capita_norm" drop column "care_kind";`);
    this.addSql(`create index "per_capita_norm_norm_kind_id_valid_from_index" on "per_capita_norm" ("norm_kind_id", "valid_from");`);

    this.addSql(
      `create table "care_episode" ("id" uuid not null, "expertise_id" uuid not null, "record_number" text not null, "care_from" date null, "care_to" date null, "norm_kind_id" uuid not null, "tariff" numeric(14,2) not null, "created_at" timestamptz not null default now(), constraint "care_episode_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "care_episode_expertise_id_index" on "care_episode" ("expertise_id");`);
    this.addSql(
      `alter table "care_episode" add constraint "care_episode_expertise_id_foreign" foreign key ("expertise_id") references "expertise" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "care_episode" add constraint "care_episode_norm_kind_id_foreign" foreign key ("norm_kind_id") references "norm_kind" ("id") on update cascade;`,
    );

    // Existing findings: one episode per distinct (episode text, tariff) of an expertise, its kind
    // taken from its earliest finding. Signed findings are moved with their guard set aside.
    this.addSql(`insert into "care_episode" ("id", "expertise_id", "record_number", "norm_kind_id", "tariff", "created_at")
      select gen_random_uuid(), f."expertise_id", f."care_episode", k."id", f."tariff", min(f."created_at")
        from "finding" f
        join lateral (select f2."care_kind" from "finding" f2
                       where f2."expertise_id" = f."expertise_id" and f2."care_episode" = f."care_episode" and f2."tariff" = f."tariff"
                       order by f2."created_at", f2."id" limit 1) first_kind on true
        join "norm_kind" k on k."code" = first_kind."care_kind"
       group by f."expertise_id", f."care_episode", f."tariff", k."id";`);
    this.addSql(`alter table "finding" add column "episode_id" uuid null, add column "norm_date" date null;`);
    this.addSql(`alter table "finding" disable trigger "finding_frozen_after_signing";`);
    this.addSql(`update "finding" f set "episode_id" = ep."id"
                   from "care_episode" ep
                  where ep."expertise_id" = f."expertise_id" and ep."record_number" = f."care_episode" and ep."tariff" = f."tariff";`);
    this.addSql(`alter table "finding" enable trigger "finding_frozen_after_signing";`);
    this.addSql(`alter table "finding" alter column "episode_id" set not null;`);
    this.addSql(
      `alter table "finding" add constraint "finding_episode_id_foreign" foreign key ("episode_id") references "care_episode" ("id") on update cascade;`,
    );
    this.addSql(`create index "finding_episode_id_index" on "finding" ("episode_id");`);
    this.addSql(`drop index "finding_expertise_report_index";`);
    this.addSql(`alter table "finding" drop column "care_episode", drop column "care_kind", drop column "tariff";`);
    this.addSql(
      `create index "finding_expertise_report_index" on "finding" ("expertise_id") include ("episode_id", "defect_code_id", "mo_position", "amount_not_paid", "fine", "created_at");`,
    );

    this.addSql(`alter table "expertise" add column "sanction_rule" text check ("sanction_rule" in ('LARGEST_EACH', 'ONE_GROUND', 'EVERY_GROUND')) null;`);
    this.addSql(`alter table "expertise" disable trigger "expertise_frozen_after_signing";`);
    this.addSql(`update "expertise" set "sanction_rule" = 'EVERY_GROUND' where "status" not in ('DRAFT', 'DISCUSSION');`);
    this.addSql(`alter table "expertise" enable trigger "expertise_frozen_after_signing";`);

    // An episode is part of its conclusion: frozen once the expertise is signed, like its findings.
    this.addSql(
      `create trigger care_episode_frozen_after_signing before insert or update or delete on "care_episode" for each row execute function razbor_guard_signed_children();`,
    );
  }

  override async down(): Promise<void> {
    throw new Error('Migration20261201170000 cannot be reverted: findings no longer carry their episode text and tariff');
  }
}
