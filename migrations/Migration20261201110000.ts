import { Migration } from '@mikro-orm/migrations';

export class Migration20261201110000 extends Migration {
  override async up(): Promise<void> {
    // The per-organisation daily upload quota sums a user's uploads of the last day.
    this.addSql(`create index "attachment_uploaded_by_at_index" on "attachment" ("uploaded_by_id", "uploaded_at") include ("size");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "attachment_uploaded_by_at_index";`);
  }
}
