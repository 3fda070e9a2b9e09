import { Migration } from '@mikro-orm/migrations';

export class Migration20261202032318 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "finding_position" ("id" uuid not null, "finding_id" uuid not null, "position" text check ("position" in ('AGREES', 'DISAGREES')) not null, "comment" text null, "source" text check ("source" in ('DISCUSSION', 'COMMISSION_REVIEW')) not null, "recorded_by_id" uuid null, "recorded_at" timestamptz not null default now(), constraint "finding_position_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "finding_position_finding_id_recorded_at_index" on "finding_position" ("finding_id", "recorded_at");`);

    this.addSql(
      `alter table "finding_position" add constraint "finding_position_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "finding_position" add constraint "finding_position_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    // A position said stays said: no row is rewritten, and one goes only with its finding (a draft's,
    // deleted by cascade, when the finding is already gone).
    this.addSql(`create or replace function razbor_refuse_position_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and not exists (select 1 from "finding" f where f."id" = old."finding_id") then return old; end if;
        raise exception 'Позиция МО по замечанию не изменяется и не удаляется: скажите новую' using errcode = 'integrity_constraint_violation';
      end $$;`);
    this.addSql(
      `create trigger finding_position_append_only before update or delete on "finding_position" for each row execute function razbor_refuse_position_change();`,
    );

    // The MO's positions, said at the discussion (kept on the finding) and in the review (kept in the
    // review), become one history; where both exist, the later one is the position now.
    this.addSql(`insert into "finding_position" ("id", "finding_id", "position", "comment", "source", "recorded_at")
      select gen_random_uuid(), f."id", f."mo_position", f."mo_comment", 'DISCUSSION', coalesce(e."signed_at", e."updated_at")
        from "finding" f join "expertise" e on e."id" = f."expertise_id"
       where f."mo_position" is not null;`);
    this.addSql(`insert into "finding_position" ("id", "finding_id", "position", "comment", "source", "recorded_by_id", "recorded_at")
      select gen_random_uuid(), f."id", case when (o->>'agrees')::boolean then 'AGREES' else 'DISAGREES' end, nullif(o->>'comment', ''),
             'COMMISSION_REVIEW', r."recorded_by_id", r."updated_at"
        from "commission_review" r
        cross join lateral jsonb_array_elements(r."finding_opinions") o
        join "finding" f on f."id"::text = o->>'findingId';`);
    this.addSql(`alter table "commission_review" drop column "agrees_with_findings", drop column "finding_opinions";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "commission_review" add column "agrees_with_findings" bool null, add column "finding_opinions" jsonb not null default '[]';`);
    this.addSql(`update "commission_review" r set "finding_opinions" = o."opinions", "agrees_with_findings" = o."agrees"
      from (select e."refusal_case_id",
                   jsonb_agg(jsonb_build_object('findingId', p."finding_id", 'agrees', p."position" = 'AGREES', 'comment', p."comment")) as "opinions",
                   bool_and(p."position" = 'AGREES') as "agrees"
              from (select distinct on ("finding_id") * from "finding_position" order by "finding_id", "recorded_at" desc) p
              join "finding" f on f."id" = p."finding_id" join "expertise" e on e."id" = f."expertise_id"
             group by e."refusal_case_id") o
     where o."refusal_case_id" = r."refusal_case_id";`);
    this.addSql(`drop table if exists "finding_position" cascade;`);
    this.addSql(`drop function if exists razbor_refuse_position_change();`);
  }
}
