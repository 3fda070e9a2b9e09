import { Migration } from '@mikro-orm/migrations';

/**
 * A record's case looked up for its parties (SMO, MO) from an index alone: the report finds the MO
 * of each of the quarter's expertises this way, and a case's row (its search text, its lists of
 * examinations) is wide enough that reading the table for it cost a page a lookup.
 */
export class Migration20261203150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "refusal_case_parties_index" on "refusal_case" ("id") include ("smo_id", "mo_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "refusal_case_parties_index";`);
  }
}
