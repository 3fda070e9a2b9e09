import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { InsuredPerson } from '../persons/insured-person.entity.js';
import { CaseState } from './case-state.js';

@ObjectType({ description: 'Обследование, которого не хватило для освидетельствования' })
export class MissingExamination {
  @Field({ description: 'Название обследования: по НМУ, когда указан код, иначе как его записали («другое»)' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Код номенклатуры медицинских услуг; null — записано текстом («другое»)' })
  nmuCode?: string | null;

  @Field({ description: 'Прямо названо бюро МСЭ в решении об отказе' })
  namedByBureau!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Требуется ли перечнем 402н/631н при основном диагнозе и возрасте; null — перечень не загружен или обследование без кода',
  })
  requiredByOrder?: boolean | null;
}

/** What every section of the report reads of a case, kept on it (reviews, actions, examinations named): the index alone answers. */
const REPORT_COLUMNS = `"id", "bureau_id", "main_diagnosis", "person_id", "person_birth_date", "referral_date", "review_due_on",
  "has_review", "has_actions", "reviewed_on", "review_cause_ids", "missing_codes", "missing_count"`;

@ObjectType({ description: 'Случай отказа бюро МСЭ в освидетельствовании из-за неполного обследования' })
@Entity({ tableName: 'refusal_case' })
@Unique({ name: 'refusal_case_person_bureau_date_unique', properties: ['person', 'bureau', 'refusalDate'] })
@Unique({ name: 'refusal_case_idempotency_unique', properties: ['smo', 'idempotencyKey'] })
// Covering indexes: the report's aggregates over one SMO's (or MO's) quarter read the index alone.
@Index({
  name: 'refusal_case_smo_refusal_date_index',
  expression: `create index "refusal_case_smo_refusal_date_index" on "refusal_case" ("smo_id", "refusal_date") include (${REPORT_COLUMNS}, "mo_id", "refused_before_in_smo")`,
})
@Index({
  name: 'refusal_case_mo_refusal_date_index',
  expression: `create index "refusal_case_mo_refusal_date_index" on "refusal_case" ("mo_id", "refusal_date") include (${REPORT_COLUMNS}, "smo_id", "refused_before_in_smo")`,
})
// «Мои задачи» follow the open work, not the archive: an SMO's open cases without an expertise in the
// queue's order (code points), and the open cases awaiting their commission review, counted and cut
// from these indexes alone.
@Index({
  name: 'refusal_case_without_expertise_index',
  expression: `create index "refusal_case_without_expertise_index" on "refusal_case" ("smo_id", "number" collate "C") include ("id") where state <> 'CLOSED' and not has_expertise`,
})
@Index({
  name: 'refusal_case_awaiting_review_index',
  expression: `create index "refusal_case_awaiting_review_index" on "refusal_case" ("review_due_on", "number" collate "C") include ("id") where state <> 'CLOSED' and not has_review`,
})
@Index({
  name: 'refusal_case_mo_awaiting_review_index',
  expression: `create index "refusal_case_mo_awaiting_review_index" on "refusal_case" ("mo_id", "review_due_on") include ("id", "number") where state <> 'CLOSED' and not has_review`,
})
// A record's case looked up for its parties (the report's expertises find their MO) from the index alone.
@Index({
  name: 'refusal_case_parties_index',
  expression: 'create index "refusal_case_parties_index" on "refusal_case" ("id") include ("smo_id", "mo_id")',
})
@Index({ name: 'refusal_case_refusal_date_id_index', properties: ['refusalDate', 'id'] })
@Index({ name: 'refusal_case_person_refusal_date_index', properties: ['person', 'refusalDate'] })
@Index({ name: 'refusal_case_person_enp_refusal_date_index', properties: ['personEnp', 'refusalDate'] })
@Index({
  name: 'refusal_case_refusal_date_report_index',
  expression: `create index "refusal_case_refusal_date_report_index" on "refusal_case" ("refusal_date") include (${REPORT_COLUMNS}, "smo_id", "mo_id", "refused_before_by_enp")`,
})
export class RefusalCase {
  [OptionalProps]?:
    | 'state'
    | 'version'
    | 'createdAt'
    | 'updatedAt'
    | 'remarks'
    | 'idempotencyKey'
    | 'secondaryDiagnoses'
    | 'searchText'
    | 'reviewDueOn'
    | 'hasExpertise'
    | 'hasReview'
    | 'refusedBeforeInSmo'
    | 'refusedBeforeByEnp'
    | 'hasActions'
    | 'reviewedOn'
    | 'reviewCauseIds'
    | 'missingCodes'
    | 'missingCount';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Номер случая, например МСЭ-2024-000123' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @ManyToOne(() => InsuredPerson)
  person!: Rel<InsuredPerson>;

  /** The person's ЕНП, kept by the database (a trigger on the case and on the person): "refused before" across insurers looks it up. */
  @Property({ type: 'text', lazy: true, hidden: true })
  personEnp?: string;

  /** The person's birth date, kept by the database as `personEnp` is: the section of the 402н/631н list (adults or children) reads it. */
  @Property({ type: 'date', lazy: true, hidden: true })
  personBirthDate?: string;

  /** Whether an expertise was opened on the case: kept by the database from `expertise`, for the task queue's index. */
  @Property({ type: 'boolean', default: false, lazy: true, hidden: true })
  hasExpertise?: boolean;

  /** Whether the MO's commission review is recorded: kept by the database from `commission_review`, for the task queue's index. */
  @Property({ type: 'boolean', default: false, lazy: true, hidden: true })
  hasReview?: boolean;

  /** «A repeat refusal» within the SMO's record of the person (`repeat-refusal.ts`): kept by the database, for the report's index. */
  @Property({ type: 'boolean', default: false, lazy: true, hidden: true })
  refusedBeforeInSmo?: boolean;

  /** «A repeat refusal» across insurers, by ЕНП (the fund's figure): kept by the database as `refusedBeforeInSmo` is. */
  @Property({ type: 'boolean', default: false, lazy: true, hidden: true })
  refusedBeforeByEnp?: boolean;

  /** Whether a corrective action was recorded on the case: kept by the database from `corrective_action`, for the report's index. */
  @Property({ type: 'boolean', default: false, lazy: true, hidden: true })
  hasActions?: boolean;

  /** The commission review's protocol date (none without a review): kept by the database, for the report's index. */
  @Property({ type: 'date', nullable: true, lazy: true, hidden: true })
  reviewedOn?: string | null;

  /** The root causes the commission review found, in its order: kept by the database, for the report's index. */
  @Property({ type: 'uuid[]', default: '{}', lazy: true, hidden: true })
  reviewCauseIds?: string[];

  /** The НМУ codes of the examinations named missing, in the case's order: kept by the database from `missingExaminations`. */
  @Property({ type: 'text[]', default: '{}', lazy: true, hidden: true })
  missingCodes?: string[];

  /** How many examinations the case names missing, with or without a code: kept by the database as `missingCodes` is. */
  @Property({ type: 'smallint', default: 0, lazy: true, hidden: true })
  missingCount?: number;

  @ManyToOne(() => Organisation)
  smo!: Rel<Organisation>;

  @ManyToOne(() => Organisation)
  mo!: Rel<Organisation>;

  @ManyToOne(() => Organisation)
  @Index()
  bureau!: Rel<Organisation>;

  @Field({ description: 'Номер направления на МСЭ (форма 088/у)' })
  @Property({ type: 'text' })
  referralNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Дата направления на МСЭ' })
  @Property({ type: 'date' })
  referralDate!: string;

  @Field(() => LocalDateScalar, { description: 'Дата решения бюро об отказе' })
  @Property({ type: 'date' })
  refusalDate!: string;

  @Field({ description: 'Номер документа бюро об отказе' })
  @Property({ type: 'text' })
  refusalDocumentNumber!: string;

  @Field({ description: 'Основной диагноз, код МКБ-10' })
  @Property({ type: 'text' })
  @Index({
    name: 'refusal_case_main_diagnosis_index',
    expression: 'create index "refusal_case_main_diagnosis_index" on "refusal_case" ("main_diagnosis" text_pattern_ops)',
  })
  mainDiagnosis!: string;

  @Field(() => [String], { description: 'Сопутствующие диагнозы, коды МКБ-10' })
  @Property({ type: 'text[]', default: '{}' })
  secondaryDiagnoses: string[] = [];

  @Field(() => [MissingExamination], { description: 'Недостающие обследования' })
  @Property({ type: 'jsonb' })
  missingExaminations!: MissingExamination[];

  @Field(() => String, { nullable: true, description: 'Примечание' })
  @Property({ type: 'text', nullable: true })
  remarks: string | null = null;

  @Field(() => CaseState)
  @Enum({ items: () => CaseState, default: CaseState.REGISTERED })
  @Index()
  state: CaseState = CaseState.REGISTERED;

  @ManyToOne(() => User)
  registeredBy!: Rel<User>;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Срок комиссионного разбора в МО (рабочие дни от регистрации); null — нет календаря на нужный год',
  })
  @Property({ type: 'date', nullable: true })
  reviewDueOn: string | null = null;

  /** Client key of the registration request: the same key twice returns the first case. */
  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  /** Lower-cased number (hyphens as spaces), person's name and remarks, kept by `refreshSearchText`. */
  @Property({ type: 'text', lazy: true, default: '' })
  searchText: string = '';

  /**
   * Words of the search text for prefix search. Full-text rather than trigrams: pg_trgm sees no
   * trigrams in Cyrillic under the embedded cluster's builtin C.UTF-8 locale.
   */
  @Property({ type: 'tsvector', generated: "(to_tsvector('simple', search_text)) stored", lazy: true, hidden: true })
  // A search's matches are gathered a year at a time, each word prefixed by the organisation (none for
  // the fund) and the refusal's year (`dated_search_lexemes`): the newest years are read until enough.
  @Index({
    name: 'refusal_case_smo_dated_search_index',
    expression:
      'create index "refusal_case_smo_dated_search_index" on "refusal_case" using gin ("smo_id", dated_search_lexemes("smo_id", "refusal_date", "search_vector"))',
  })
  @Index({
    name: 'refusal_case_mo_dated_search_index',
    expression:
      'create index "refusal_case_mo_dated_search_index" on "refusal_case" using gin ("mo_id", dated_search_lexemes("mo_id", "refusal_date", "search_vector"))',
  })
  @Index({
    name: 'refusal_case_dated_search_index',
    expression: 'create index "refusal_case_dated_search_index" on "refusal_case" using gin (dated_search_lexemes(null, "refusal_date", "search_vector"))',
  })
  searchVector?: string;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Field({ description: 'Зарегистрирован' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
