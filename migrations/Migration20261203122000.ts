import { Migration } from '@mikro-orm/migrations';

const CASE_INDEXES = {
  refusal_case_smo_refusal_date_index: `("smo_id", "refusal_date") include ("id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "person_enp"`,
  refusal_case_mo_refusal_date_index: `("mo_id", "refusal_date") include ("id", "smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on", "person_enp"`,
};

/**
 * The report looks up reviews and actions only for the cases that have a review (`has_review`): the
 * quarter's covering indexes carry the mark, so the cases are still read from the index alone; a
 * case's actions carry what the report counts of them (status, due date) in theirs.
 */
export class Migration20261203122000 extends Migration {
  override async up(): Promise<void> {
    for (const [name, columns] of Object.entries(CASE_INDEXES)) {
      this.addSql(`drop index "${name}";`);
      this.addSql(`create index "${name}" on "refusal_case" ${columns}, "has_review");`);
    }
    this.addSql(`drop index "corrective_action_refusal_case_id_index";`);
    this.addSql(`create index "corrective_action_refusal_case_id_index" on "corrective_action" ("refusal_case_id") include ("status", "due_date");`);
  }

  override async down(): Promise<void> {
    for (const [name, columns] of Object.entries(CASE_INDEXES)) {
      this.addSql(`drop index "${name}";`);
      this.addSql(`create index "${name}" on "refusal_case" ${columns});`);
    }
    this.addSql(`drop index "corrective_action_refusal_case_id_index";`);
    this.addSql(`create index "corrective_action_refusal_case_id_index" on "corrective_action" ("refusal_case_id");`);
  }
}
