import { Migration } from '@mikro-orm/migrations';

export class Migration20261124093320 extends Migration {
  override async up(): Promise<void> {
    // The fund's all-SMO report reads a quarter of every case: from this index alone.
    this.addSql(
      `create index "refusal_case_refusal_date_report_index" on "refusal_case" ("refusal_date") include ("smo_id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "refusal_case_refusal_date_report_index";`);
  }
}
