import { Migration } from '@mikro-orm/migrations';

export class Migration20261124164500 extends Migration {
  override async up(): Promise<void> {
    // The report's expertise figures for one SMO's quarter: found by SMO and conclusion date, without visiting every case.
    this.addSql(`create index "expertise_smo_conclusion_date_index" on "expertise" ("smo_id", "conclusion_date") include ("refusal_case_id", "type");`);
    // Repeat refusals: "an earlier refusal of the same person" answered from the index alone.
    this.addSql(`drop index "refusal_case_person_id_index";`);
    this.addSql(`create index "refusal_case_person_refusal_date_index" on "refusal_case" ("person_id", "refusal_date");`);
    this.addSql(`drop index "finding_expertise_id_index";`);
    this.addSql(
      `create index "finding_expertise_report_index" on "finding" ("expertise_id") include ("defect_code_id", "mo_position", "amount_not_paid", "fine");`,
    );
    // The covering indexes carry the case id too: the joins to reviews and actions then skip the table.
    this.addSql(`drop index "refusal_case_smo_refusal_date_index";`);
    this.addSql(
      `create index "refusal_case_smo_refusal_date_index" on "refusal_case" ("smo_id", "refusal_date") include ("id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
    this.addSql(`drop index "refusal_case_mo_refusal_date_index";`);
    this.addSql(
      `create index "refusal_case_mo_refusal_date_index" on "refusal_case" ("mo_id", "refusal_date") include ("id", "smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
    this.addSql(`drop index "refusal_case_refusal_date_report_index";`);
    this.addSql(
      `create index "refusal_case_refusal_date_report_index" on "refusal_case" ("refusal_date") include ("id", "smo_id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "expertise_smo_conclusion_date_index";`);
    this.addSql(`drop index "finding_expertise_report_index";`);
    this.addSql(`create index "finding_expertise_id_index" on "finding" ("expertise_id");`);
    this.addSql(`drop index "refusal_case_person_refusal_date_index";`);
    this.addSql(`create index "refusal_case_person_id_index" on "refusal_case" ("person_id");`);
    this.addSql(`drop index "refusal_case_smo_refusal_date_index";`);
    this.addSql(
      `create index "refusal_case_smo_refusal_date_index" on "refusal_case" ("smo_id", "refusal_date") include ("mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
    this.addSql(`drop index "refusal_case_mo_refusal_date_index";`);
    this.addSql(
      `create index "refusal_case_mo_refusal_date_index" on "refusal_case" ("mo_id", "refusal_date") include ("smo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
    this.addSql(`drop index "refusal_case_refusal_date_report_index";`);
    this.addSql(
      `create index "refusal_case_refusal_date_report_index" on "refusal_case" ("refusal_date") include ("smo_id", "mo_id", "bureau_id", "main_diagnosis", "person_id", "review_due_on");`,
    );
  }
}
