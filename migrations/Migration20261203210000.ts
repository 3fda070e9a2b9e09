import { Migration } from '@mikro-orm/migrations';

/** The organisation-scoped search's functions (replaced by the dated ones of Migration20261204050000). */
export const SCOPED_SEARCH_FUNCTIONS = [
  `create function scoped_search_lexemes(scope uuid, words tsvector) returns tsvector
      language sql immutable parallel safe
      as $$ select array_to_tsvector(array(select replace(scope::text, '-', '') || w from unnest(tsvector_to_array(words)) w where scope is not null)) $$;`,
  `create function scoped_search_query(scope uuid, query tsquery) returns tsquery
      language sql immutable parallel safe
      as $$ select regexp_replace(query::text, '''([^'']*)''', '''' || replace(scope::text, '-', '') || '\\1''', 'g')::tsquery $$;`,
];

/**
 * An SMO's or an MO's search from the organisation's own words. The two-column GIN indexes (scope,
 * words) ANDed the scope with every match of a prefix in every organisation: a common surname's
 * matches across the region and the archive were gathered to answer one SMO (≈ 40 ms of 12 719
 * matches of one SMO on a million cases, four times that with three years of archive). Here each
 * word of a case is indexed prefixed by its organisation, so a prefix search reads that
 * organisation's matches alone. The query side prefixes the lexemes the search's own tsquery holds,
 * so both sides come from the same parser. The organisation leads the index as well: the planner
 * does not know that the prefixed words imply it, and with a B-tree of the organisation beside it
 * would AND the organisation's every case into the search.
 */
export class Migration20261203210000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of SCOPED_SEARCH_FUNCTIONS) this.addSql(statement);
    this.addSql(`create index "refusal_case_smo_search_index" on "refusal_case" using gin ("smo_id", scoped_search_lexemes("smo_id", "search_vector"));`);
    this.addSql(`create index "refusal_case_mo_search_index" on "refusal_case" using gin ("mo_id", scoped_search_lexemes("mo_id", "search_vector"));`);
    this.addSql(`drop index "refusal_case_smo_search_vector_index";`);
    this.addSql(`drop index "refusal_case_mo_search_vector_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "refusal_case_smo_search_vector_index" on "refusal_case" using gin ("smo_id", "search_vector");`);
    this.addSql(`create index "refusal_case_mo_search_vector_index" on "refusal_case" using gin ("mo_id", "search_vector");`);
    this.addSql(`drop index "refusal_case_smo_search_index";`);
    this.addSql(`drop index "refusal_case_mo_search_index";`);
    this.addSql(`drop function scoped_search_query(uuid, tsquery);`);
    this.addSql(`drop function scoped_search_lexemes(uuid, tsvector);`);
  }
}
