import { Migration } from '@mikro-orm/migrations';

/** The MO signs the act it received, or signs it with disagreement and its objections per finding. */
export class Migration20261201150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "expertise_act_delivery" add column "signed_with_disagreement" boolean not null default false, add column "objections" jsonb not null default '[]';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "expertise_act_delivery" drop column "signed_with_disagreement", drop column "objections";`);
  }
}
