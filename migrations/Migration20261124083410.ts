import { Migration } from '@mikro-orm/migrations';

export class Migration20261124083410 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "refusal_case_search_text_index";`);
    // Numbers are searched by their parts: hyphens become spaces in the search text.
    this.addSql(`update "refusal_case" set "search_text" = translate("search_text", '-', ' ') where "search_text" like '%-%';`);

    this.addSql(`alter table "refusal_case" add column "search_vector" tsvector generated always as (to_tsvector('simple', search_text)) stored not null;`);
    this.addSql(`create index "refusal_case_search_vector_index" on "refusal_case" using gin ("search_vector");`);

    // The report's aggregates over a party's quarter are answered from these indexes alone.
    this.addSql(`drop index "refusal_case_smo_refusal_date_index";`);
    this.addSql(
      `create index "refusal_case_smo_refusal_date_index" on "refusal_case" ("smo_id", "refusal_date") include ("mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
    this.addSql(`drop index "refusal_case_mo_refusal_date_index";`);
    this.addSql(
      `create index "refusal_case_mo_refusal_date_index" on "refusal_case" ("mo_id", "refusal_date") include ("smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "refusal_case_search_vector_index";`);
    this.addSql(`alter table "refusal_case" drop column "search_vector";`);

    this.addSql(`create index "refusal_case_search_text_index" on "refusal_case" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`drop index "refusal_case_smo_refusal_date_index";`);
    this.addSql(`create index "refusal_case_smo_refusal_date_index" on "refusal_case" ("smo_id", "refusal_date");`);
    this.addSql(`drop index "refusal_case_mo_refusal_date_index";`);
    this.addSql(`create index "refusal_case_mo_refusal_date_index" on "refusal_case" ("mo_id", "refusal_date");`);
  }
}
