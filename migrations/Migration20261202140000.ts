import { Migration } from '@mikro-orm/migrations';

/** «Мои задачи» of an SMO: its open cases without an expertise counted and cut in number order from one index. */
export class Migration20261202140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "refusal_case_smo_number_index" on "refusal_case" ("smo_id", "number" collate "C") include ("id", "state");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "refusal_case_smo_number_index";`);
  }
}
