import { Migration } from '@mikro-orm/migrations';

/** The fund's registry code of an MO or SMO, unique within its kind. */
export class Migration20261201210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "organisation" add column "registry_code" text null;`);
    this.addSql(`alter table "organisation" add constraint "organisation_kind_registry_code_unique" unique ("kind", "registry_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organisation" drop constraint "organisation_kind_registry_code_unique";`);
    this.addSql(`alter table "organisation" drop column "registry_code";`);
  }
}
