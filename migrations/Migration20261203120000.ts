import { Migration } from '@mikro-orm/migrations';

/**
 * A finding's position is its latest row (by time, then id). The index held the time but not the id
 * nor the position: the report sorted each finding's rows and read the table for every one of the
 * quarter's findings (62 627 of them for all SMOs on the million). Now one step into the index.
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "finding_position_finding_id_recorded_at_id_index" on "finding_position" ("finding_id", "recorded_at", "id") include ("position");`,
    );
    this.addSql(`drop index "finding_position_finding_id_recorded_at_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "finding_position_finding_id_recorded_at_index" on "finding_position" ("finding_id", "recorded_at");`);
    this.addSql(`drop index "finding_position_finding_id_recorded_at_id_index";`);
  }
}
