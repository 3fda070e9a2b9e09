import { Migration } from '@mikro-orm/migrations';

export class Migration20261202035436 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "plan_item_history" ("id" uuid not null, "item_id" uuid not null, "occurred_at" timestamptz not null default clock_timestamp(), "actor_id" uuid null, "about_mo_id" uuid null, "summary" text not null, "changes" jsonb not null default '[]', constraint "plan_item_history_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "plan_item_history_item_id_occurred_at_index" on "plan_item_history" ("item_id", "occurred_at");`);

    this.addSql(
      `alter table "plan_item_history" add constraint "plan_item_history_item_id_foreign" foreign key ("item_id") references "plan_item" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "plan_item_history" add constraint "plan_item_history_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "plan_item_history" add constraint "plan_item_history_about_mo_id_foreign" foreign key ("about_mo_id") references "organisation" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `create trigger plan_item_history_append_only before update or delete on "plan_item_history" for each row execute function razbor_refuse_change();`,
    );

    // Items planned before their history was kept begin with what is known of them.
    this.addSql(`insert into "plan_item_history" ("id", "item_id", "occurred_at", "summary")
      select gen_random_uuid(), "id", "created_at", 'Пункт добавлен в план' from "plan_item";`);
    this.addSql(`insert into "plan_item_history" ("id", "item_id", "occurred_at", "actor_id", "about_mo_id", "summary")
      select gen_random_uuid(), c."item_id", c."confirmed_at", c."confirmed_by_id", c."mo_id",
             o."short_name" || ': ' || case when c."agreed" then 'согласовано' else 'замечания' end || coalesce(': ' || c."comment", '')
        from "plan_item_confirmation" c join "organisation" o on o."id" = c."mo_id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "plan_item_history" cascade;`);
  }
}
