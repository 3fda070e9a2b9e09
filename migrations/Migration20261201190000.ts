import { Migration } from '@mikro-orm/migrations';

/** An ЭКМП expert's specialty and number in the register of quality experts, named in the act. */
export class Migration20261201190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "specialty" text null, add column "expert_registry_number" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "specialty", drop column "expert_registry_number";`);
  }
}
