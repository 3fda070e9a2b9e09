import { Migration } from '@mikro-orm/migrations';

const REPORT_COLUMNS = `"id", "bureau_id", "main_diagnosis", "person_id", "person_birth_date", "referral_date", "review_due_on",
  "has_review", "has_actions", "reviewed_on", "review_cause_ids", "missing_codes", "missing_count"`;

export const REPORT_INDEXES = {
  refusal_case_smo_refusal_date_index: `("smo_id", "refusal_date") include (${REPORT_COLUMNS}, "mo_id", "refused_before_in_smo")`,
  refusal_case_mo_refusal_date_index: `("mo_id", "refusal_date") include (${REPORT_COLUMNS}, "smo_id", "refused_before_in_smo")`,
  refusal_case_refusal_date_report_index: `("refusal_date") include (${REPORT_COLUMNS}, "smo_id", "mo_id", "refused_before_by_enp")`,
};

const PREVIOUS_REPORT_INDEXES = {
  refusal_case_smo_refusal_date_index: `("smo_id", "refusal_date") include ("id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "has_review", "refused_before_in_smo")`,
  refusal_case_mo_refusal_date_index: `("mo_id", "refusal_date") include ("id", "smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "has_review", "refused_before_in_smo")`,
  refusal_case_refusal_date_report_index: `("refusal_date") include ("id", "smo_id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "has_review", "refused_before_by_enp")`,
};

const OLD_FLAGS = `create or replace function refusal_case_kept_flags() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          new.has_expertise := false;
          new.has_review := false;
        else
          new.has_expertise := exists (select 1 from expertise where refusal_case_id = new.id);
          new.has_review := exists (select 1 from commission_review where refusal_case_id = new.id);
        end if;
        return new;
      end $$;`;

/**
 * What the quarterly report read from other tables for each of the quarter's cases is now kept on the
 * case, by the database alone, so that every section reads one covering index and no row of the
 * archive: the fund's report made 0,35 M buffer reads looking up reviews and 0,27 M looking up
 * actions on a million cases, and read the quarter's heap three times to unpack its examinations.
 *
 * - `reviewed_on` and `review_cause_ids`: the commission review's protocol date and its root causes,
 *   in the review's order (nothing without a review), beside `has_review`;
 * - `has_actions`: whether a corrective action was recorded on the case;
 * - `missing_codes` and `missing_count`: the НМУ codes the case names missing, in its order (the
 *   items without a code left out), and how many examinations it names in all — worked out from the
 *   case's own `missing_examinations` on every write.
 *
 * The kept flags' trigger works them out whatever a writer says; a review's or an action's insert,
 * delete or move, and a review's new date or causes, touch the case.
 */
export class Migration20261204030000 extends Migration {
  override async up(): Promise<void> {
    for (const name of Object.keys(REPORT_INDEXES)) this.addSql(`drop index if exists "${name}";`);
    this.addSql(`create function razbor_named_codes(examinations jsonb) returns text[] language sql immutable as $$
      select coalesce(array_agg(x.item->>'nmuCode' order by x.n), '{}') from jsonb_array_elements(examinations) with ordinality as x(item, n)
       where x.item->>'nmuCode' is not null $$;`);
    this.addSql(`create function razbor_reviewed_on(case_id uuid) returns date language sql stable as $$
      select r.protocol_date from commission_review r where r.refusal_case_id = case_id $$;`);
    this.addSql(`create function razbor_review_cause_ids(case_id uuid) returns uuid[] language sql stable as $$
      select coalesce((select array(select (x.cause->>'rootCauseId')::uuid from jsonb_array_elements(r.causes) with ordinality as x(cause, n) order by x.n)
                         from commission_review r where r.refusal_case_id = case_id), '{}') $$;`);
    this.addSql(`create function razbor_has_actions(case_id uuid) returns boolean language sql stable as $$
      select exists (select 1 from corrective_action a where a.refusal_case_id = case_id) $$;`);
    this.addSql(`alter table "refusal_case" add column "has_actions" boolean not null default false, add column "reviewed_on" date null,
      add column "review_cause_ids" uuid[] not null default '{}', add column "missing_codes" text[] not null default '{}',
      add column "missing_count" smallint not null default 0;`);
    // One rewrite of the table, no trigger fired: an update of a million cases would fire each of them.
    this.addSql(`alter table "refusal_case"
      alter column "has_actions" type boolean using razbor_has_actions(id),
      alter column "reviewed_on" type date using razbor_reviewed_on(id),
      alter column "review_cause_ids" type uuid[] using razbor_review_cause_ids(id),
      alter column "missing_codes" type text[] using razbor_named_codes(missing_examinations),
      alter column "missing_count" type smallint using jsonb_array_length(missing_examinations);`);
    this.addSql(`create or replace function refusal_case_kept_flags() returns trigger language plpgsql as $$
      begin
        new.missing_codes := razbor_named_codes(new.missing_examinations);
        new.missing_count := jsonb_array_length(new.missing_examinations);
        if tg_op = 'INSERT' then
          new.has_expertise := false;
          new.has_review := false;
          new.has_actions := false;
          new.reviewed_on := null;
          new.review_cause_ids := '{}';
        else
          new.has_expertise := exists (select 1 from expertise where refusal_case_id = new.id);
          new.has_review := exists (select 1 from commission_review where refusal_case_id = new.id);
          new.has_actions := razbor_has_actions(new.id);
          new.reviewed_on := razbor_reviewed_on(new.id);
          new.review_cause_ids := razbor_review_cause_ids(new.id);
        end if;
        return new;
      end $$;`);
    this.addSql(`drop trigger refusal_case_kept_flags on "refusal_case";`);
    this.addSql(`create trigger refusal_case_kept_flags before insert or update of has_expertise, has_review, has_actions, reviewed_on, review_cause_ids,
      missing_examinations, missing_codes, missing_count on "refusal_case" for each row execute function refusal_case_kept_flags();`);
    this.addSql(`create trigger corrective_action_insert_case_flags after insert on "corrective_action"
      referencing new table as changed for each statement execute function refusal_case_flags_follow();`);
    this.addSql(`create trigger corrective_action_delete_case_flags after delete on "corrective_action"
      referencing old table as changed for each statement execute function refusal_case_flags_follow();`);
    this.addSql(`create trigger corrective_action_move_case_flags after update of refusal_case_id on "corrective_action"
      for each row when (old.refusal_case_id is distinct from new.refusal_case_id) execute function refusal_case_flags_follow_move();`);
    this.addSql(`create trigger commission_review_findings_case_flags after update of protocol_date, causes on "commission_review"
      for each row when ((old.protocol_date, old.causes) is distinct from (new.protocol_date, new.causes)) execute function refusal_case_flags_follow_move();`);
    for (const [name, columns] of Object.entries(REPORT_INDEXES)) this.addSql(`create index "${name}" on "refusal_case" ${columns};`);
  }

  override async down(): Promise<void> {
    for (const name of Object.keys(REPORT_INDEXES)) this.addSql(`drop index if exists "${name}";`);
    this.addSql(`drop trigger if exists commission_review_findings_case_flags on "commission_review";`);
    for (const event of ['insert', 'delete', 'move']) this.addSql(`drop trigger if exists corrective_action_${event}_case_flags on "corrective_action";`);
    this.addSql(`drop trigger refusal_case_kept_flags on "refusal_case";`);
    this.addSql(OLD_FLAGS);
    this.addSql(`create trigger refusal_case_kept_flags before insert or update of has_expertise, has_review on "refusal_case"
      for each row execute function refusal_case_kept_flags();`);
    this.addSql(`alter table "refusal_case" drop column "has_actions", drop column "reviewed_on", drop column "review_cause_ids",
      drop column "missing_codes", drop column "missing_count";`);
    this.addSql(`drop function if exists razbor_has_actions(uuid);`);
    this.addSql(`drop function if exists razbor_reviewed_on(uuid);`);
    this.addSql(`drop function if exists razbor_review_cause_ids(uuid);`);
    this.addSql(`drop function if exists razbor_named_codes(jsonb);`);
    for (const [name, columns] of Object.entries(PREVIOUS_REPORT_INDEXES)) this.addSql(`create index "${name}" on "refusal_case" ${columns};`);
  }
}
