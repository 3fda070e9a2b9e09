import { Migration } from '@mikro-orm/migrations';

/**
 * «Мои задачи» follow the open work, not the archive: every statement of the queues read all the
 * SMO's expertises (or all its cases) and filtered them, or hashed every expertise and review of the
 * archive to find the few open cases that had none, so years of finished work made the page slower.
 * Partial indexes now hold only what can still be a task: open cases without an expertise, open
 * cases without a commission review, expertises open for edits, expertises whose act is not
 * recorded, acts not yet received, claims not decided.
 *
 * "Has an expertise", "has a review" and "the act was sent or received" live in other tables, which
 * no index can see: the case and the expertise carry them (`has_expertise`, `has_review`,
 * `act_recorded`), kept by the database alone. A trigger recomputes each from its table whatever a
 * writer says, and a write to that table touches it. A signed expertise stays frozen in everything else.
 */
export class Migration20261203040000 extends Migration {
  override async up(): Promise<void> {
    // One rewrite of the table rather than an update of each signed (and so guarded) row.
    this.addSql(`alter table "expertise" add column "act_recorded" boolean not null default false;`);
    this.addSql(
      `create function razbor_act_recorded(expertise uuid) returns boolean language sql stable as $$ select exists (select 1 from expertise_act_delivery where expertise_id = expertise) $$;`,
    );
    this.addSql(`alter table "expertise" alter column "act_recorded" type boolean using razbor_act_recorded(id);`);
    this.addSql(`drop function razbor_act_recorded(uuid);`);
    this.addSql(`create function expertise_act_recorded() returns trigger language plpgsql as $$
      begin
        new.act_recorded := exists (select 1 from expertise_act_delivery where expertise_id = new.id);
        return new;
      end $$;`);
    // Named to run before the signed expertise's guard, which then sees the value already kept.
    this.addSql(`create trigger expertise_act_recorded before insert or update of act_recorded on "expertise"
      for each row execute function expertise_act_recorded();`);
    this.addSql(`create function act_delivery_marks_expertise() returns trigger language plpgsql as $$
      begin
        update expertise e set act_recorded = true from recorded r where e.id = r.expertise_id and not e.act_recorded;
        return null;
      end $$;`);
    this.addSql(`create trigger act_delivery_marks_expertise after insert on "expertise_act_delivery"
      referencing new table as recorded for each statement execute function act_delivery_marks_expertise();`);
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
        frozen_old := to_jsonb(old) - array['status', 'version', 'updated_at', 'act_recorded'];
        frozen_new := to_jsonb(new) - array['status', 'version', 'updated_at', 'act_recorded'];
        if frozen_old <> frozen_new
           or not ((old.status = new.status)
                   or (old.status = 'SIGNED' and new.status = 'DISPUTED'
                       and exists (select 1 from expertise_appeal a where a.expertise_id = old.id))
                   or (old.status = 'DISPUTED' and new.status = 'SETTLED')) then
          raise exception 'Подписанная экспертиза % не изменяется', old.number using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end $$;`);
    this.caseFlags();
    this.addSql(`drop index if exists "refusal_case_smo_number_index";`);
    this.addSql(
      `create index "refusal_case_without_expertise_index" on "refusal_case" ("smo_id", "number" collate "C") include ("id") where state <> 'CLOSED' and not has_expertise;`,
    );
    this.addSql(
      `create index "refusal_case_awaiting_review_index" on "refusal_case" ("review_due_on", "number" collate "C") include ("id") where state <> 'CLOSED' and not has_review;`,
    );
    this.addSql(
      `create index "refusal_case_mo_awaiting_review_index" on "refusal_case" ("mo_id", "review_due_on") include ("id", "number") where state <> 'CLOSED' and not has_review;`,
    );
    this.addSql(`create index "expertise_open_smo_index" on "expertise" ("smo_id") where status in ('DRAFT', 'DISCUSSION');`);
    this.addSql(`create index "expertise_act_unrecorded_smo_index" on "expertise" ("smo_id") where not act_recorded;`);
    this.addSql(`create index "expertise_act_delivery_unreceived_index" on "expertise_act_delivery" ("expertise_id") where received_on is null;`);
    this.addSql(`create index "expertise_act_delivery_received_on_index" on "expertise_act_delivery" ("received_on");`);
    this.addSql(`create index "expertise_appeal_undecided_index" on "expertise_appeal" ("expertise_id") where decided_on is null;`);
  }

  /** The case's `has_expertise` and `has_review`: one rewrite of the table, then kept by triggers. */
  private caseFlags(): void {
    this.addSql(
      `alter table "refusal_case" add column "has_expertise" boolean not null default false, add column "has_review" boolean not null default false;`,
    );
    this.addSql(
      `create function razbor_has_expertise(c uuid) returns boolean language sql stable as $$ select exists (select 1 from expertise where refusal_case_id = c) $$;`,
    );
    this.addSql(
      `create function razbor_has_review(c uuid) returns boolean language sql stable as $$ select exists (select 1 from commission_review where refusal_case_id = c) $$;`,
    );
    this.addSql(
      `alter table "refusal_case" alter column "has_expertise" type boolean using razbor_has_expertise(id), alter column "has_review" type boolean using razbor_has_review(id);`,
    );
    this.addSql(`drop function razbor_has_expertise(uuid);`);
    this.addSql(`drop function razbor_has_review(uuid);`);
    // A new case has neither (both point to it); any other write of the flags is recomputed.
    this.addSql(`create function refusal_case_kept_flags() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          new.has_expertise := false;
          new.has_review := false;
        else
          new.has_expertise := exists (select 1 from expertise where refusal_case_id = new.id);
          new.has_review := exists (select 1 from commission_review where refusal_case_id = new.id);
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger refusal_case_kept_flags before insert or update of has_expertise, has_review on "refusal_case"
      for each row execute function refusal_case_kept_flags();`);
    this.addSql(`create function refusal_case_flags_follow() returns trigger language plpgsql as $$
      begin
        update refusal_case set has_expertise = has_expertise where id in (select refusal_case_id from changed);
        return null;
      end $$;`);
    this.addSql(`create function refusal_case_flags_follow_move() returns trigger language plpgsql as $$
      begin
        update refusal_case set has_expertise = has_expertise where id in (old.refusal_case_id, new.refusal_case_id);
        return null;
      end $$;`);
    for (const table of ['expertise', 'commission_review']) {
      this.addSql(`create trigger ${table}_insert_case_flags after insert on "${table}"
        referencing new table as changed for each statement execute function refusal_case_flags_follow();`);
      this.addSql(`create trigger ${table}_delete_case_flags after delete on "${table}"
        referencing old table as changed for each statement execute function refusal_case_flags_follow();`);
      this.addSql(`create trigger ${table}_move_case_flags after update of refusal_case_id on "${table}"
        for each row when (old.refusal_case_id is distinct from new.refusal_case_id) execute function refusal_case_flags_follow_move();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['expertise', 'commission_review']) {
      for (const event of ['insert', 'delete', 'move']) this.addSql(`drop trigger if exists ${table}_${event}_case_flags on "${table}";`);
    }
    this.addSql(`drop function if exists refusal_case_flags_follow();`);
    this.addSql(`drop function if exists refusal_case_flags_follow_move();`);
    this.addSql(`drop trigger if exists refusal_case_kept_flags on "refusal_case";`);
    this.addSql(`drop function if exists refusal_case_kept_flags();`);
    this.addSql(`alter table "refusal_case" drop column "has_expertise", drop column "has_review";`);
    for (const index of [
      'refusal_case_without_expertise_index',
      'refusal_case_awaiting_review_index',
      'refusal_case_mo_awaiting_review_index',
      'expertise_open_smo_index',
      'expertise_act_unrecorded_smo_index',
      'expertise_act_delivery_unreceived_index',
      'expertise_act_delivery_received_on_index',
      'expertise_appeal_undecided_index',
    ]) {
      this.addSql(`drop index if exists "${index}";`);
    }
    this.addSql(`create index "refusal_case_smo_number_index" on "refusal_case" ("smo_id", "number" collate "C") include ("id", "state");`);
    this.addSql(`drop trigger if exists act_delivery_marks_expertise on "expertise_act_delivery";`);
    this.addSql(`drop function if exists act_delivery_marks_expertise();`);
    this.addSql(`drop trigger if exists expertise_act_recorded on "expertise";`);
    this.addSql(`drop function if exists expertise_act_recorded();`);
    this.addSql(`alter table "expertise" drop column "act_recorded";`);
  }
}
