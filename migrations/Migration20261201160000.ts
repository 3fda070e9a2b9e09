import { Migration } from '@mikro-orm/migrations';

/**
 * A recorded sending or receipt of an act never changes and is never deleted: the MO's appeal
 * window runs from the receipt. The row only gains what it lacked (the receipt after the sending,
 * or the other way round).
 */
export class Migration20261201160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function razbor_guard_act_delivery() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'Направление и получение акта не удаляются' using errcode = 'integrity_constraint_violation';
        end if;
        if new.expertise_id <> old.expertise_id
           or (old.sent_on is not null and (new.sent_on, new.method, new.sent_by_id) is distinct from (old.sent_on, old.method, old.sent_by_id))
           or (old.received_on is not null
               and (new.received_on, new.receipt_recorded_by_id, new.signed_with_disagreement, new.objections)
                   is distinct from (old.received_on, old.receipt_recorded_by_id, old.signed_with_disagreement, old.objections)) then
          raise exception 'Направление или получение акта уже записано и не изменяется' using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger act_delivery_recorded_once before update or delete on "expertise_act_delivery"
                   for each row execute function razbor_guard_act_delivery();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists act_delivery_recorded_once on "expertise_act_delivery";`);
    this.addSql(`drop function if exists razbor_guard_act_delivery();`);
  }
}
