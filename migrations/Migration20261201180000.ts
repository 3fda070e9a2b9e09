import { Migration } from '@mikro-orm/migrations';

/** The repeat expertise the fund organised on a claim (326-ФЗ art. 42 part 3): its type, day and expert. */
export class Migration20261201180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "expertise_appeal" add column "repeat_type" text check ("repeat_type" in ('MEE', 'EKMP')) null, add column "repeat_held_on" date null, add column "repeat_expert" text null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "expertise_appeal" drop column "repeat_type", drop column "repeat_held_on", drop column "repeat_expert";`);
  }
}
