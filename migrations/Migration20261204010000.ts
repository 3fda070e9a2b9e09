import { Migration } from '@mikro-orm/migrations';

/** The signed expertise's guard, freezing everything but what moves on by rule or is kept by the database. */
export const expertiseGuard = (unfrozen: string[]) => `create or replace function razbor_guard_signed_expertise() returns trigger language plpgsql as $$
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
        frozen_old := to_jsonb(old) - array[${unfrozen.map((c) => `'${c}'`).join(', ')}];
        frozen_new := to_jsonb(new) - array[${unfrozen.map((c) => `'${c}'`).join(', ')}];
        if frozen_old <> frozen_new
           or not ((old.status = new.status)
                   or (old.status = 'SIGNED' and new.status = 'DISPUTED'
                       and exists (select 1 from expertise_appeal a where a.expertise_id = old.id))
                   or (old.status = 'DISPUTED' and new.status = 'SETTLED')) then
          raise exception 'Подписанная экспертиза % не изменяется', old.number using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end $$;`;

const UNFROZEN_BEFORE = ['status', 'version', 'updated_at', 'act_recorded'];
/** What a signed expertise may still change after this migration. */
export const UNFROZEN_WITH_POSITIONS = [...UNFROZEN_BEFORE, 'findings_positioned', 'findings_disagreed'];
const FINDINGS_INDEX = `create index "finding_expertise_report_index" on "finding" ("expertise_id") include ("episode_id", "defect_code_id", "mo_position", "amount_not_paid", "fine", "created_at"`;

/**
 * The report's expertise section looked up the MO's current position on every finding of the
 * quarter (an index probe per finding: 0,19 M buffers of the fund's report on a million cases) only
 * to count the positioned and the disagreeing ones. Each expertise now carries both counts
 * (`findings_positioned`, `findings_disagreed`), kept by the database as `act_recorded` is: a trigger
 * recounts them from the findings' latest positions whatever a writer says, and a position recorded
 * touches its expertise. A signed expertise's guard lets these two move, as the positions do after
 * signing (the commission's review); the signed conclusion keeps `position_at_signing` as before.
 * A finding with positions is never deleted (the positions are append-only), so only a recorded
 * position changes the counts.
 *
 * The findings' report index carries their id: the section reads each expertise's findings from the
 * index alone.
 */
export class Migration20261204010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function razbor_findings_positioned(expertise uuid, disagreeing_only boolean) returns integer language sql stable as $$
      select (count(p.position) filter (where not disagreeing_only or p.position = 'DISAGREES'))::integer
        from finding f
        cross join lateral (select fp.position from finding_position fp where fp.finding_id = f.id order by fp.recorded_at desc, fp.id desc limit 1) p
       where f.expertise_id = expertise $$;`);
    // One rewrite of the table rather than an update of each signed (and so guarded) row.
    this.addSql(
      `alter table "expertise" add column "findings_positioned" integer not null default 0, add column "findings_disagreed" integer not null default 0;`,
    );
    this.addSql(`alter table "expertise" alter column "findings_positioned" type integer using razbor_findings_positioned(id, false),
                                       alter column "findings_disagreed" type integer using razbor_findings_positioned(id, true);`);
    this.addSql(expertiseGuard(UNFROZEN_WITH_POSITIONS));
    // Named to run before the signed expertise's guard, as `expertise_act_recorded` is.
    this.addSql(`create function expertise_counts_positions() returns trigger language plpgsql as $$
      begin
        new.findings_positioned := razbor_findings_positioned(new.id, false);
        new.findings_disagreed := razbor_findings_positioned(new.id, true);
        return new;
      end $$;`);
    this.addSql(`create trigger expertise_counts_positions before insert or update of findings_positioned, findings_disagreed on "expertise"
      for each row execute function expertise_counts_positions();`);
    this.addSql(`create function finding_position_counts_follow() returns trigger language plpgsql as $$
      begin
        update expertise e set findings_positioned = findings_positioned
         where e.id in (select f.expertise_id from finding f where f.id in (select finding_id from recorded));
        return null;
      end $$;`);
    this.addSql(`create trigger finding_position_counts_follow after insert on "finding_position"
      referencing new table as recorded for each statement execute function finding_position_counts_follow();`);
    this.addSql(`drop index "finding_expertise_report_index";`);
    this.addSql(`${FINDINGS_INDEX}, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "finding_expertise_report_index";`);
    this.addSql(`${FINDINGS_INDEX});`);
    this.addSql(`drop trigger if exists finding_position_counts_follow on "finding_position";`);
    this.addSql(`drop function if exists finding_position_counts_follow();`);
    this.addSql(`drop trigger if exists expertise_counts_positions on "expertise";`);
    this.addSql(`drop function if exists expertise_counts_positions();`);
    this.addSql(expertiseGuard(UNFROZEN_BEFORE));
    this.addSql(`alter table "expertise" drop column "findings_positioned", drop column "findings_disagreed";`);
    this.addSql(`drop function if exists razbor_findings_positioned(uuid, boolean);`);
  }
}
