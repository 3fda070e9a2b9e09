import { Migration } from '@mikro-orm/migrations';
import { expertiseGuard, UNFROZEN_WITH_POSITIONS } from './Migration20261204010000.js';

/**
 * An expertise carries its case's MO (`mo_id`), kept by the database: the report's expertise section
 * looked up every expertise's case for its MO and the viewer's scope (an index probe each: 0,15 M
 * buffers of the fund's report on a million cases). A trigger sets it from the case whatever a
 * writer says, and a case moved to another MO moves its expertises; a signed expertise's guard lets
 * it follow, as the case's MO is corrected after signing too.
 */
export class Migration20261204020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "expertise" add column "mo_id" uuid;`);
    this.addSql(
      `create function razbor_case_mo(case_id uuid) returns uuid language sql stable as $$ select c.mo_id from refusal_case c where c.id = case_id $$;`,
    );
    // One rewrite of the table rather than an update of each signed (and so guarded) row.
    this.addSql(`alter table "expertise" alter column "mo_id" type uuid using razbor_case_mo(refusal_case_id);`);
    this.addSql(expertiseGuard([...UNFROZEN_WITH_POSITIONS, 'mo_id']));
    // Named to run before the signed expertise's guard, as `expertise_act_recorded` is.
    this.addSql(`create function expertise_case_mo() returns trigger language plpgsql as $$
      begin
        new.mo_id := razbor_case_mo(new.refusal_case_id);
        return new;
      end $$;`);
    this.addSql(`create trigger expertise_case_mo before insert or update of mo_id, refusal_case_id on "expertise"
      for each row execute function expertise_case_mo();`);
    this.addSql(`create function refusal_case_mo_to_expertises() returns trigger language plpgsql as $$
      begin
        update expertise set mo_id = new.mo_id where refusal_case_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger refusal_case_mo_to_expertises after update of mo_id on "refusal_case"
      for each row when (old.mo_id is distinct from new.mo_id) execute function refusal_case_mo_to_expertises();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists refusal_case_mo_to_expertises on "refusal_case";`);
    this.addSql(`drop function if exists refusal_case_mo_to_expertises();`);
    this.addSql(`drop trigger if exists expertise_case_mo on "expertise";`);
    this.addSql(`drop function if exists expertise_case_mo();`);
    this.addSql(expertiseGuard(UNFROZEN_WITH_POSITIONS));
    this.addSql(`alter table "expertise" drop column "mo_id";`);
    this.addSql(`drop function if exists razbor_case_mo(uuid);`);
  }
}
