import { Migration } from '@mikro-orm/migrations';

/**
 * A corrective action belongs to its review's case, kept by the database whatever a writer sets (the
 * action's case is its review's, and follows the review), so that the report may look up the
 * actions only of the cases that have a review (`has_review`): 30 % of a quarter's cases have none,
 * and each was an index probe for nothing.
 */
export class Migration20261203121000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update corrective_action a set refusal_case_id = r.refusal_case_id
      from commission_review r where r.id = a.review_id and a.refusal_case_id <> r.refusal_case_id;`);
    this.addSql(`create function corrective_action_case() returns trigger language plpgsql as $$
      begin
        new.refusal_case_id := (select refusal_case_id from commission_review where id = new.review_id);
        return new;
      end $$;`);
    this.addSql(`create trigger corrective_action_case before insert or update of review_id, refusal_case_id on corrective_action
      for each row execute function corrective_action_case();`);
    this.addSql(`create function commission_review_actions_case() returns trigger language plpgsql as $$
      begin
        update corrective_action set refusal_case_id = new.refusal_case_id where review_id = new.id;
        return null;
      end $$;`);
    this.addSql(`create trigger commission_review_actions_case after update of refusal_case_id on commission_review
      for each row when (old.refusal_case_id is distinct from new.refusal_case_id) execute function commission_review_actions_case();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger commission_review_actions_case on commission_review;`);
    this.addSql(`drop function commission_review_actions_case();`);
    this.addSql(`drop trigger corrective_action_case on corrective_action;`);
    this.addSql(`drop function corrective_action_case();`);
  }
}
