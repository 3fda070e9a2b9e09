import { Migration } from '@mikro-orm/migrations';

/**
 * An action added while its review moves to another case read the review's case before the move
 * committed, and the move's update of the review's actions did not see the new action: the action
 * kept the case the review had left. The action's trigger now waits for such a move (a share lock on
 * the review row) and reads the case it committed.
 */
export class Migration20261203123000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function corrective_action_case() returns trigger language plpgsql as $$
      begin
        new.refusal_case_id := (select refusal_case_id from commission_review where id = new.review_id for share);
        return new;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function corrective_action_case() returns trigger language plpgsql as $$
      begin
        new.refusal_case_id := (select refusal_case_id from commission_review where id = new.review_id);
        return new;
      end $$;`);
  }
}
