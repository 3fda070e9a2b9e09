import { Migration } from '@mikro-orm/migrations';

const REPORT_INDEXES = {
  refusal_case_smo_refusal_date_index: `("smo_id", "refusal_date") include ("id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "has_review", "refused_before_in_smo")`,
  refusal_case_mo_refusal_date_index: `("mo_id", "refusal_date") include ("id", "smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "has_review", "refused_before_in_smo")`,
  refusal_case_refusal_date_report_index: `("refusal_date") include ("id", "smo_id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "has_review", "refused_before_by_enp")`,
};

const PREVIOUS_REPORT_INDEXES = {
  refusal_case_smo_refusal_date_index: `("smo_id", "refusal_date") include ("id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "person_enp", "has_review")`,
  refusal_case_mo_refusal_date_index: `("mo_id", "refusal_date") include ("id", "smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "person_enp", "has_review")`,
  refusal_case_refusal_date_report_index: `("refusal_date") include ("id", "smo_id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "person_enp")`,
};

/**
 * «A repeat refusal» (the person was refused before the case's refusal date) is kept on the case,
 * by the database alone: the report counted it with an index probe per case of the quarter (0,55 s
 * of the fund's report on a million cases, and more with every archived year). Two flags, as the
 * rule reads them: within the SMO's record of the person (`refused_before_in_smo`, by person) and
 * across insurers (`refused_before_by_enp`, by ЕНП; the fund's alone).
 *
 * A case written, moved to another person or ЕНП, re-dated or deleted changes its own flags and those
 * of the same ЕНП's later cases: the triggers recompute every case of each ЕНП touched. Two writers of
 * one ЕНП at once would each miss the other's uncommitted case, so each first locks its ЕНП's row in
 * `repeat_refusal_lock` (in ЕНП order): the second waits for the first to commit, then sees its case.
 */
export class Migration20261204000000 extends Migration {
  override async up(): Promise<void> {
    for (const name of Object.keys(REPORT_INDEXES)) this.addSql(`drop index if exists "${name}";`);
    this.addSql(`alter table "refusal_case" add column "refused_before_in_smo" boolean not null default false,
                                            add column "refused_before_by_enp" boolean not null default false;`);
    this.addSql(`create table "repeat_refusal_lock" ("enp" text not null, constraint "repeat_refusal_lock_pkey" primary key ("enp"));`);
    // The rule, once: an earlier case of the same person record (within the SMO), or of the same ЕНП.
    this.addSql(`create function razbor_refused_before_in_smo(person uuid, refused_on date) returns boolean language sql stable as $$
      select exists (select 1 from refusal_case e where e.person_id = person and e.refusal_date < refused_on) $$;`);
    this.addSql(`create function razbor_refused_before_by_enp(enp text, refused_on date) returns boolean language sql stable as $$
      select exists (select 1 from refusal_case e where e.person_enp = enp and e.refusal_date < refused_on) $$;`);
    this.addSql(`create function refusal_case_mark_repeats(enps text[]) returns void language plpgsql as $$
      begin
        insert into repeat_refusal_lock (enp) select distinct e from unnest(enps) e order by e on conflict do nothing;
        perform 1 from repeat_refusal_lock where enp = any(enps) order by enp for update;
        -- The kept trigger below works the flags out: only the cases the rule now answers otherwise are touched.
        update refusal_case c set refused_before_in_smo = c.refused_before_in_smo
         where c.person_enp = any(enps)
           and (c.refused_before_in_smo, c.refused_before_by_enp)
               is distinct from (razbor_refused_before_in_smo(c.person_id, c.refusal_date), razbor_refused_before_by_enp(c.person_enp, c.refusal_date));
      end $$;`);
    // Whatever a writer says of the flags, they are the rule's.
    this.addSql(`create function refusal_case_repeats_kept() returns trigger language plpgsql as $$
      begin
        new.refused_before_in_smo := razbor_refused_before_in_smo(new.person_id, new.refusal_date);
        new.refused_before_by_enp := razbor_refused_before_by_enp(new.person_enp, new.refusal_date);
        return new;
      end $$;`);
    this.addSql(`create trigger refusal_case_repeats_kept before update of refused_before_in_smo, refused_before_by_enp on "refusal_case"
      for each row execute function refusal_case_repeats_kept();`);
    this.addSql(`create function refusal_case_repeats_follow() returns trigger language plpgsql as $$
      begin
        perform refusal_case_mark_repeats((select array_agg(distinct person_enp) from changed));
        return null;
      end $$;`);
    this.addSql(`create function refusal_case_repeats_follow_row() returns trigger language plpgsql as $$
      begin
        perform refusal_case_mark_repeats(array[old.person_enp, new.person_enp]);
        return null;
      end $$;`);
    this.addSql(`create trigger refusal_case_repeats_added after insert on "refusal_case"
      referencing new table as changed for each statement execute function refusal_case_repeats_follow();`);
    this.addSql(`create trigger refusal_case_repeats_removed after delete on "refusal_case"
      referencing old table as changed for each statement execute function refusal_case_repeats_follow();`);
    this.addSql(`create trigger refusal_case_repeats_moved after update of person_id, person_enp, refusal_date on "refusal_case"
      for each row when ((old.person_id, old.person_enp, old.refusal_date) is distinct from (new.person_id, new.person_enp, new.refusal_date))
      execute function refusal_case_repeats_follow_row();`);
    // Only the repeats are written (every flag starts false; the kept trigger works each out), before the covering indexes are built again.
    this.addSql(`update refusal_case c set refused_before_by_enp = true where razbor_refused_before_by_enp(c.person_enp, c.refusal_date);`);
    for (const [name, columns] of Object.entries(REPORT_INDEXES)) this.addSql(`create index "${name}" on "refusal_case" ${columns};`);
  }

  override async down(): Promise<void> {
    for (const name of Object.keys(REPORT_INDEXES)) this.addSql(`drop index if exists "${name}";`);
    this.addSql(`drop trigger if exists refusal_case_repeats_moved on "refusal_case";`);
    this.addSql(`drop trigger if exists refusal_case_repeats_removed on "refusal_case";`);
    this.addSql(`drop trigger if exists refusal_case_repeats_added on "refusal_case";`);
    this.addSql(`drop function if exists refusal_case_repeats_follow_row();`);
    this.addSql(`drop function if exists refusal_case_repeats_follow();`);
    this.addSql(`drop trigger if exists refusal_case_repeats_kept on "refusal_case";`);
    this.addSql(`drop function if exists refusal_case_repeats_kept();`);
    this.addSql(`drop function if exists refusal_case_mark_repeats(text[]);`);
    this.addSql(`drop function if exists razbor_refused_before_in_smo(uuid, date);`);
    this.addSql(`drop function if exists razbor_refused_before_by_enp(text, date);`);
    this.addSql(`drop table if exists "repeat_refusal_lock";`);
    this.addSql(`alter table "refusal_case" drop column "refused_before_in_smo", drop column "refused_before_by_enp";`);
    for (const [name, columns] of Object.entries(PREVIOUS_REPORT_INDEXES)) this.addSql(`create index "${name}" on "refusal_case" ${columns};`);
  }
}
