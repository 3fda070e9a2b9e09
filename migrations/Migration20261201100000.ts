import { Migration } from '@mikro-orm/migrations';

/**
 * A person's record belongs to the SMO that typed it: one row per (ЕНП, SMO). A person that
 * several SMOs' cases shared is split: the SMO of the earliest case keeps the row, every other
 * SMO gets a copy (of the values stored now; what each typed before cannot be told apart) and its
 * cases move to it. A person no case points at has no owner and is removed.
 */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "insured_person" add column "smo_id" uuid null;`);
    this.addSql(`alter table "insured_person" drop constraint "insured_person_enp_unique";`);
    this.addSql(`delete from "insured_person" p where not exists (select 1 from "refusal_case" c where c.person_id = p.id);`);
    this.addSql(`
      update "insured_person" p set smo_id = first.smo_id
        from (select distinct on (person_id) person_id, smo_id from "refusal_case" order by person_id, created_at, id) first
       where first.person_id = p.id;`);
    this.addSql(`
      create temporary table person_split on commit drop as
        select distinct c.person_id as old_id, c.smo_id, gen_random_uuid() as new_id
          from "refusal_case" c join "insured_person" p on p.id = c.person_id
         where c.smo_id <> p.smo_id;`);
    this.addSql(`
      insert into "insured_person" (id, enp, enp_checksum_overridden, snils, surname, name, patronymic, birth_date, sex, created_at, updated_at, smo_id)
        select s.new_id, p.enp, p.enp_checksum_overridden, p.snils, p.surname, p.name, p.patronymic, p.birth_date, p.sex, p.created_at, now(), s.smo_id
          from person_split s join "insured_person" p on p.id = s.old_id;`);
    this.addSql(`update "refusal_case" c set person_id = s.new_id from person_split s where c.person_id = s.old_id and c.smo_id = s.smo_id;`);
    this.addSql(`alter table "insured_person" alter column "smo_id" set not null;`);
    this.addSql(
      `alter table "insured_person" add constraint "insured_person_smo_id_foreign" foreign key ("smo_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(`alter table "insured_person" add constraint "insured_person_enp_smo_unique" unique ("enp", "smo_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "insured_person" drop constraint "insured_person_enp_smo_unique";`);
    this.addSql(`alter table "insured_person" drop constraint "insured_person_smo_id_foreign";`);
    this.addSql(`
      update "refusal_case" c set person_id = keep.id
        from "insured_person" p, (select distinct on (enp) id, enp from "insured_person" order by enp, created_at, id) keep
       where p.id = c.person_id and keep.enp = p.enp and keep.id <> p.id;`);
    this.addSql(`delete from "insured_person" p where not exists (select 1 from "refusal_case" c where c.person_id = p.id);`);
    this.addSql(`alter table "insured_person" drop column "smo_id";`);
    this.addSql(`alter table "insured_person" add constraint "insured_person_enp_unique" unique ("enp");`);
  }
}
