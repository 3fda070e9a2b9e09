import { Migration } from '@mikro-orm/migrations';

/**
 * «The MO's earlier cases already lacked this examination» (the report's check against the
 * 402н/631н list) read every earlier case of the MO and unpacked its examinations: years of archive
 * for each quarter. The coded examinations a case names missing now also stand as rows of their own
 * (`missing_examination`, a row per case and НМУ code, with the case's SMO, MO and refusal date), so
 * the check is one index probe per examination. The database keeps the table alone: triggers on
 * `refusal_case` write it, and any other write to it is refused.
 */
export class Migration20261203072251 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "missing_examination" ("refusal_case_id" uuid not null, "nmu_code" text not null, "smo_id" uuid not null, "mo_id" uuid not null, "refusal_date" date not null, constraint "missing_examination_pkey" primary key ("refusal_case_id", "nmu_code"));`,
    );
    this.addSql(`insert into "missing_examination" (refusal_case_id, nmu_code, smo_id, mo_id, refusal_date)
      select distinct c.id, x->>'nmuCode', c.smo_id, c.mo_id, c.refusal_date
        from refusal_case c cross join lateral jsonb_array_elements(c.missing_examinations) x where x->>'nmuCode' is not null;`);
    this.addSql(`create index "missing_examination_mo_code_date_index" on "missing_examination" ("mo_id", "nmu_code", "refusal_date") include ("smo_id");`);
    this.addSql(
      `alter table "missing_examination" add constraint "missing_examination_refusal_case_id_foreign" foreign key ("refusal_case_id") references "refusal_case" ("id") on update cascade on delete cascade;`,
    );
    // Written from the case's triggers (or the foreign key's cascade) only: a trigger depth of one is a writer's own statement.
    this.addSql(`create function missing_examination_kept() returns trigger language plpgsql as $$
      begin
        if pg_trigger_depth() < 2 then
          raise exception 'Недостающие обследования случая ведёт база данных по самому случаю' using errcode = 'insufficient_privilege';
        end if;
        return coalesce(new, old);
      end $$;`);
    this.addSql(`create trigger missing_examination_kept before insert or update or delete on "missing_examination"
      for each row execute function missing_examination_kept();`);
    this.addSql(`create function refusal_case_missing_added() returns trigger language plpgsql as $$
      begin
        insert into missing_examination (refusal_case_id, nmu_code, smo_id, mo_id, refusal_date)
        select distinct c.id, x->>'nmuCode', c.smo_id, c.mo_id, c.refusal_date
          from added c cross join lateral jsonb_array_elements(c.missing_examinations) x where x->>'nmuCode' is not null;
        return null;
      end $$;`);
    this.addSql(`create trigger refusal_case_missing_added after insert on "refusal_case"
      referencing new table as added for each statement execute function refusal_case_missing_added();`);
    this.addSql(`create function refusal_case_missing_changed() returns trigger language plpgsql as $$
      begin
        delete from missing_examination m using after_update n join before_update o on o.id = n.id
         where m.refusal_case_id = n.id
           and (o.missing_examinations, o.smo_id, o.mo_id, o.refusal_date) is distinct from (n.missing_examinations, n.smo_id, n.mo_id, n.refusal_date);
        insert into missing_examination (refusal_case_id, nmu_code, smo_id, mo_id, refusal_date)
        select distinct n.id, x->>'nmuCode', n.smo_id, n.mo_id, n.refusal_date
          from after_update n join before_update o on o.id = n.id cross join lateral jsonb_array_elements(n.missing_examinations) x
         where x->>'nmuCode' is not null
           and (o.missing_examinations, o.smo_id, o.mo_id, o.refusal_date) is distinct from (n.missing_examinations, n.smo_id, n.mo_id, n.refusal_date);
        return null;
      end $$;`);
    this.addSql(`create trigger refusal_case_missing_changed after update on "refusal_case"
      referencing old table as before_update new table as after_update for each statement execute function refusal_case_missing_changed();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists refusal_case_missing_changed on "refusal_case";`);
    this.addSql(`drop function if exists refusal_case_missing_changed();`);
    this.addSql(`drop trigger if exists refusal_case_missing_added on "refusal_case";`);
    this.addSql(`drop function if exists refusal_case_missing_added();`);
    this.addSql(`drop table if exists "missing_examination" cascade;`);
    this.addSql(`drop function if exists missing_examination_kept();`);
  }
}
