import { Migration } from '@mikro-orm/migrations';

/** A dictionary row's name lower-cased once, when written: a search by words tests it as a plain substring. */
export class Migration20261203000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "register_entry" add column "name_folded" text generated always as (lower(name)) stored;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "register_entry" drop column "name_folded";`);
  }
}
