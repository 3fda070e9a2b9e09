import { Migration } from '@mikro-orm/migrations';

/**
 * Immutability guards without gaps: a finding or discussion of a signed expertise cannot be moved
 * to a draft one (its old parent is checked too), and a signed expertise's status moves only along
 * the appeal: to «disputed» when an appeal is filed, to «settled» when the fund's decision on it
 * is recorded by the end of the transaction.
 */
export class Migration20261201130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function razbor_guard_signed_children() returns trigger language plpgsql as $$
      declare
        parent uuid;
      begin
        -- The parent it leaves (update, delete) and the one it joins (insert, update): neither may be signed.
        foreach parent in array array_remove(array[old.expertise_id, new.expertise_id], null) loop
          if (select status from expertise where id = parent) not in ('DRAFT', 'DISCUSSION') then
            raise exception 'Экспертиза подписана: % не изменяется', tg_table_name using errcode = 'integrity_constraint_violation';
          end if;
        end loop;
        return coalesce(new, old);
      end $$;`);
    this.addSql(`create or replace function razbor_guard_signed_expertise() returns trigger language plpgsql as $$
      declare
        frozen_old jsonb;
        frozen_new jsonb;
      begin
        if old.status in ('DRAFT', 'DISCUSSION') then
          return coalesce(new, old);
        end if;
        if tg_op = 'DELETE' then
          raise exception 'Подписанная экспертиза % не удаляется', old.number using errcode = 'integrity_constraint_violation';
        end if;
        frozen_old := to_jsonb(old) - array['status', 'version', 'updated_at'];
        frozen_new := to_jsonb(new) - array['status', 'version', 'updated_at'];
        if frozen_old <> frozen_new
           or not ((old.status = new.status)
                   or (old.status = 'SIGNED' and new.status = 'DISPUTED'
                       and exists (select 1 from expertise_appeal a where a.expertise_id = old.id))
                   or (old.status = 'DISPUTED' and new.status = 'SETTLED')) then
          raise exception 'Подписанная экспертиза % не изменяется', old.number using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end $$;`);
    // Checked at commit: the decision and the status are written in one transaction, in either order.
    this.addSql(`create or replace function razbor_check_settled_by_decision() returns trigger language plpgsql as $$
      begin
        if new.status = 'SETTLED' and not exists (select 1 from expertise_appeal a where a.expertise_id = new.id and a.decided_on is not null) then
          raise exception 'Экспертиза % урегулирована без решения ТФОМС по обжалованию', new.number using errcode = 'integrity_constraint_violation';
        end if;
        return null;
      end $$;`);
    this.addSql(`create constraint trigger expertise_settled_by_decision after update of status on "expertise" deferrable initially deferred
                   for each row when (new.status = 'SETTLED' and old.status is distinct from new.status) execute function razbor_check_settled_by_decision();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists expertise_settled_by_decision on "expertise";`);
    this.addSql(`drop function if exists razbor_check_settled_by_decision();`);
  }
}
