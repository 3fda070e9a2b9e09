import { Migration } from '@mikro-orm/migrations';

const COVERING_INDEXES = {
  refusal_case_smo_refusal_date_index: `("smo_id", "refusal_date") include ("id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on"`,
  refusal_case_mo_refusal_date_index: `("mo_id", "refusal_date") include ("id", "smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on"`,
  refusal_case_refusal_date_report_index: `("refusal_date") include ("id", "smo_id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on"`,
};

/**
 * "The person was refused before" across insurers compares ЕНП: each case now carries its person's
 * ЕНП (`person_enp`, kept by triggers), so the fund's check is one index probe per case instead of
 * three (the case's person, the persons of that ЕНП, their cases) — 1,7 s of the all-SMO report on
 * a million cases. The report's covering indexes carry it, so the report still reads them alone.
 */
export class Migration20261203020000 extends Migration {
  override async up(): Promise<void> {
    for (const name of Object.keys(COVERING_INDEXES)) this.addSql(`drop index if exists "${name}";`);
    this.addSql(`alter table "refusal_case" add column "person_enp" text;`);
    // One rewrite of the table, its indexes built once, rather than an update of every row.
    this.addSql(`create function razbor_enp_of(person uuid) returns text language sql stable as $$ select enp from insured_person where id = person $$;`);
    this.addSql(`alter table "refusal_case" alter column "person_enp" type text using razbor_enp_of(person_id);`);
    this.addSql(`drop function razbor_enp_of(uuid);`);
    this.addSql(`alter table "refusal_case" alter column "person_enp" set not null;`);
    // A write that inserts the person in the same statement tells the ЕНП (the person is not visible
    // to this trigger yet); a deferred check holds every case to its person's ЕНП at commit.
    this.addSql(`create function refusal_case_person_enp() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' or new.person_enp is null then
          new.person_enp := coalesce((select enp from insured_person where id = new.person_id), new.person_enp);
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger refusal_case_person_enp before insert or update of person_id, person_enp on refusal_case
      for each row execute function refusal_case_person_enp();`);
    this.addSql(`create function refusal_case_person_enp_check() returns trigger language plpgsql as $$
      begin
        if not exists (select 1 from insured_person where id = new.person_id and enp = new.person_enp) then
          raise exception 'ЕНП случая % не совпадает с ЕНП его застрахованного лица', new.number using errcode = 'check_violation';
        end if;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger refusal_case_person_enp_check after insert or update of person_id, person_enp on refusal_case
      deferrable initially deferred for each row execute function refusal_case_person_enp_check();`);
    this.addSql(`create function insured_person_enp_to_cases() returns trigger language plpgsql as $$
      begin
        update refusal_case set person_enp = new.enp where person_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger insured_person_enp_to_cases after update of enp on insured_person
      for each row when (old.enp is distinct from new.enp) execute function insured_person_enp_to_cases();`);
    this.addSql(`create index "refusal_case_person_enp_refusal_date_index" on "refusal_case" ("person_enp", "refusal_date");`);
    for (const [name, columns] of Object.entries(COVERING_INDEXES)) this.addSql(`create index "${name}" on "refusal_case" ${columns}, "person_enp");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists insured_person_enp_to_cases on insured_person;`);
    this.addSql(`drop function if exists insured_person_enp_to_cases();`);
    this.addSql(`drop trigger if exists refusal_case_person_enp_check on refusal_case;`);
    this.addSql(`drop function if exists refusal_case_person_enp_check();`);
    this.addSql(`drop trigger if exists refusal_case_person_enp on refusal_case;`);
    this.addSql(`drop function if exists refusal_case_person_enp();`);
    this.addSql(`alter table "refusal_case" drop column "person_enp";`);
    for (const [name, columns] of Object.entries(COVERING_INDEXES)) this.addSql(`create index "${name}" on "refusal_case" ${columns});`);
  }
}
