import { Migration } from '@mikro-orm/migrations';

/**
 * The report names its rubrics' МКБ-10 blocks by REC_CODE: without an index each rubric's block was
 * found by a pass over the dictionary's rows (6 ms a rubric: 200 ms for 18 rubrics, seconds for a
 * region's few hundred). The classes (rows without a parent) are read from a partial index.
 */
export class Migration20261203010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "register_entry_version_rec_code_index" on "register_entry" ("version_id", (data->>'REC_CODE'));`);
    this.addSql(`create index "register_entry_version_root_index" on "register_entry" ("version_id") where parent_key is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "register_entry_version_rec_code_index";`);
    this.addSql(`drop index if exists "register_entry_version_root_index";`);
  }
}
