import { Migration } from '@mikro-orm/migrations';

/**
 * Which section of the 402н/631н list applies (adults or children) depends on the person's age on
 * the day of the referral: the report looked each case's person up (124 488 index probes, about a
 * second, for a quarter of all SMOs). Each case now carries its person's birth date
 * (`person_birth_date`), kept by the database as `person_enp` is: looked up unless the writer tells
 * it, followed when the person's record is corrected, and checked at commit.
 */
export class Migration20261203080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "refusal_case" add column "person_birth_date" date;`);
    // One rewrite of the table, its indexes built once, rather than an update of every row.
    this.addSql(
      `create function razbor_birth_date_of(person uuid) returns date language sql stable as $$ select birth_date from insured_person where id = person $$;`,
    );
    this.addSql(`alter table "refusal_case" alter column "person_birth_date" type date using razbor_birth_date_of(person_id);`);
    this.addSql(`drop function razbor_birth_date_of(uuid);`);
    this.addSql(`alter table "refusal_case" alter column "person_birth_date" set not null;`);
    this.addSql(`create function refusal_case_person_birth_date() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' or new.person_birth_date is null then
          new.person_birth_date := coalesce((select birth_date from insured_person where id = new.person_id), new.person_birth_date);
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger refusal_case_person_birth_date before insert or update of person_id, person_birth_date on refusal_case
      for each row execute function refusal_case_person_birth_date();`);
    this.addSql(`create function refusal_case_person_birth_date_check() returns trigger language plpgsql as $$
      begin
        if not exists (select 1 from insured_person where id = new.person_id and birth_date = new.person_birth_date) then
          raise exception 'Дата рождения в случае % не совпадает с датой рождения его застрахованного лица', new.number using errcode = 'check_violation';
        end if;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger refusal_case_person_birth_date_check after insert or update of person_id, person_birth_date on refusal_case
      deferrable initially deferred for each row execute function refusal_case_person_birth_date_check();`);
    this.addSql(`create function insured_person_birth_date_to_cases() returns trigger language plpgsql as $$
      begin
        update refusal_case set person_birth_date = new.birth_date where person_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger insured_person_birth_date_to_cases after update of birth_date on insured_person
      for each row when (old.birth_date is distinct from new.birth_date) execute function insured_person_birth_date_to_cases();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists insured_person_birth_date_to_cases on insured_person;`);
    this.addSql(`drop function if exists insured_person_birth_date_to_cases();`);
    this.addSql(`drop trigger if exists refusal_case_person_birth_date_check on refusal_case;`);
    this.addSql(`drop function if exists refusal_case_person_birth_date_check();`);
    this.addSql(`drop trigger if exists refusal_case_person_birth_date on refusal_case;`);
    this.addSql(`drop function if exists refusal_case_person_birth_date();`);
    this.addSql(`alter table "refusal_case" drop column "person_birth_date";`);
  }
}
