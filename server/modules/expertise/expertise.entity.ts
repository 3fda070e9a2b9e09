import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { CatalogueVersion } from '../catalogue/catalogue-version.entity.js';
import { DefectCode } from '../catalogue/defect-code.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { AppealOutcome, ExpertiseKind, ExpertiseStatus, ExpertiseType, MoPosition, ParticipantSide } from './expertise.enums.js';
import { CareEpisode } from './care-episode.entity.js';
import { SanctionRule } from './episode-sanctions.js';

/**
 * МЭЭ or ЭКМП on a refusal case. Once signed, the database refuses any change to it, its
 * findings and its discussion except the dispute status (see the migration's triggers).
 */
@ObjectType({ description: 'Экспертиза (МЭЭ или ЭКМП) по случаю отказа' })
@Entity({ tableName: 'expertise' })
@Unique({ properties: ['smo', 'number'] })
@Index({
  name: 'expertise_smo_conclusion_date_index',
  expression: 'create index "expertise_smo_conclusion_date_index" on "expertise" ("smo_id", "conclusion_date") include ("refusal_case_id", "type")',
})
// «Мои задачи» follow the open work: expertises open for edits, and those whose act is not recorded yet.
@Index({
  name: 'expertise_open_smo_index',
  expression: `create index "expertise_open_smo_index" on "expertise" ("smo_id") where status in ('DRAFT', 'DISCUSSION')`,
})
@Index({
  name: 'expertise_act_unrecorded_smo_index',
  expression: `create index "expertise_act_unrecorded_smo_index" on "expertise" ("smo_id", "case_number" collate "C", "id") where not act_recorded`,
})
export class Expertise {
  [OptionalProps]?:
    | 'status'
    | 'version'
    | 'findingsRevision'
    | 'createdAt'
    | 'updatedAt'
    | 'documentsRequestedOn'
    | 'documentsReceivedOn'
    | 'sanctionRule'
    | 'actRecorded'
    | 'findingsPositioned'
    | 'findingsDisagreed'
    | 'moId'
    | 'caseNumber';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => RefusalCase)
  @Index()
  refusalCase!: Rel<RefusalCase>;

  @ManyToOne(() => Organisation)
  smo!: Rel<Organisation>;

  /** The case's MO, kept by the database from the case (it follows a correction): the report groups and scopes expertises by it. Never null once written. */
  @Property({ type: 'uuid', nullable: true, lazy: true, hidden: true })
  moId?: string;

  /** The case's number, kept by the database as `moId` is: «Мои задачи» order an SMO's expertise tasks by it without looking the case up. */
  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  caseNumber?: string;

  @Field(() => ExpertiseType)
  @Enum({ items: () => ExpertiseType })
  type!: ExpertiseType;

  @Field(() => ExpertiseKind)
  @Enum({ items: () => ExpertiseKind })
  kind!: ExpertiseKind;

  @Field({ description: 'Номер, уникальный в СМО за год, например ЭКМП-2024-0007' })
  @Property({ type: 'text' })
  number!: string;

  @ManyToOne(() => User)
  expert!: Rel<User>;

  @Field(() => LocalDateScalar, { description: 'Дата начала экспертизы' })
  @Property({ type: 'date' })
  startDate!: string;

  @ManyToOne(() => CatalogueVersion)
  catalogueVersion!: Rel<CatalogueVersion>;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата запроса документов у МО' })
  @Property({ type: 'date', nullable: true })
  documentsRequestedOn: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата поступления документов' })
  @Property({ type: 'date', nullable: true })
  documentsReceivedOn: string | null = null;

  @Field(() => ExpertiseStatus)
  @Enum({ items: () => ExpertiseStatus, default: ExpertiseStatus.DRAFT })
  status: ExpertiseStatus = ExpertiseStatus.DRAFT;

  /** Bumped on every change to the findings; a discussion covers the revision it saw. */
  @Property({ type: 'integer', default: 0 })
  findingsRevision: number = 0;

  /** Whether the act's sending or receipt is recorded: kept by the database from `expertise_act_delivery`, for the task queue's index. */
  @Property({ type: 'boolean', default: false, lazy: true, hidden: true })
  actRecorded?: boolean;

  /** How many of its findings carry the MO's position, and how many of those disagree: kept by the database from `finding_position`, for the report. */
  @Property({ type: 'integer', default: 0, lazy: true, hidden: true })
  findingsPositioned?: number;

  @Property({ type: 'integer', default: 0, lazy: true, hidden: true })
  findingsDisagreed?: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата заключения (подписания)' })
  @Property({ type: 'date', nullable: true })
  @Index()
  conclusionDate: string | null = null;

  @ManyToOne(() => User, { nullable: true })
  signedBy: Rel<User> | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  signedAt: Date | null = null;

  @ManyToOne(() => Expertise, { nullable: true })
  corrects: Rel<Expertise> | null = null;

  @Field(() => SanctionRule, { nullable: true, description: 'Правило применения оснований по случаю, зафиксированное при подписании' })
  @Enum({ items: () => SanctionRule, nullable: true })
  sanctionRule: SanctionRule | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

@ObjectType({ description: 'Замечание эксперта: код дефекта и санкции' })
@Entity({ tableName: 'finding' })
// The report reads and sums each expertise's findings from this index alone.
@Index({
  name: 'finding_expertise_report_index',
  expression:
    'create index "finding_expertise_report_index" on "finding" ("expertise_id") include ("episode_id", "defect_code_id", "mo_position", "amount_not_paid", "fine", "created_at", "id")',
})
export class Finding {
  [OptionalProps]?: 'createdAt' | 'fine' | 'perCapitaNorm' | 'normDate' | 'positionAtSigning' | 'commentAtSigning';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Expertise)
  expertise!: Rel<Expertise>;

  @ManyToOne(() => DefectCode)
  defectCode!: Rel<DefectCode>;

  @Field({ description: 'Описание нарушения' })
  @Property({ type: 'text' })
  description!: string;

  @ManyToOne(() => CareEpisode)
  @Index()
  episode!: Rel<CareEpisode>;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Неоплата = RT случая × Кно, округлено до копейки, не больше RT; null — у кода нет Кно. По случаю применяется одно основание (см. CareEpisode.sanction)',
  })
  @Property({ type: 'decimal', columnType: 'numeric(14,2)', nullable: true })
  amountNotPaid!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Штраф = RP × Кшт; RP — норматив вида случая на дату окончания помощи (или на дату заключения, по настройке); вычисляется при подписании; null до подписания или если у кода нет Кшт',
  })
  @Property({ type: 'decimal', columnType: 'numeric(14,2)', nullable: true })
  fine: string | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'RP, применённый при подписании' })
  @Property({ type: 'decimal', columnType: 'numeric(14,2)', nullable: true })
  perCapitaNorm: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата, на которую взят норматив RP при подписании' })
  @Property({ type: 'date', nullable: true })
  normDate: string | null = null;

  /** The MO's position as the conclusion was signed with it (finding_position keeps it as it is now). */
  @Enum({ items: () => MoPosition, nullable: true, fieldName: 'mo_position' })
  positionAtSigning: MoPosition | null = null;

  @Property({ type: 'text', nullable: true, fieldName: 'mo_comment' })
  commentAtSigning: string | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

@ObjectType({ description: 'Участник совместного разбора' })
export class DiscussionParticipant {
  @Field(() => ParticipantSide)
  side!: ParticipantSide;

  @Field()
  name!: string;

  @Field()
  position!: string;
}

@ObjectType({ description: 'Совместный разбор замечаний с представителями МО' })
@Entity({ tableName: 'expertise_discussion' })
export class Discussion {
  [OptionalProps]?: 'recordedAt' | 'notes';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Expertise)
  @Index()
  expertise!: Rel<Expertise>;

  @Field(() => LocalDateScalar, { description: 'Дата разбора' })
  @Property({ type: 'date' })
  heldOn!: string;

  @Field(() => [DiscussionParticipant])
  @Property({ type: 'jsonb' })
  participants!: DiscussionParticipant[];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  /** The findings revision the discussion covered. */
  @Property({ type: 'integer' })
  findingsRevision!: number;

  @ManyToOne(() => User)
  recordedBy!: Rel<User>;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}

@ObjectType({ description: 'Обжалование заключения в ТФОМС' })
@Entity({ tableName: 'expertise_appeal' })
// The fund's «Мои задачи»: claims not decided yet.
@Index({
  name: 'expertise_appeal_undecided_index',
  expression: 'create index "expertise_appeal_undecided_index" on "expertise_appeal" ("expertise_id") where decided_on is null',
})
export class Appeal {
  [OptionalProps]?: 'outcome' | 'decidedOn' | 'decisionComment' | 'decidedBy' | 'revisedExpertise' | 'repeatType' | 'repeatHeldOn' | 'repeatExpert';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Expertise, { unique: true })
  expertise!: Rel<Expertise>;

  @Field(() => LocalDateScalar, { description: 'Дата подачи' })
  @Property({ type: 'date' })
  filedOn!: string;

  @Field({ description: 'Основания' })
  @Property({ type: 'text' })
  grounds!: string;

  @ManyToOne(() => User)
  filedBy!: Rel<User>;

  @Field(() => AppealOutcome, { nullable: true })
  @Enum({ items: () => AppealOutcome, nullable: true })
  outcome: AppealOutcome | null = null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  decidedOn: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  decisionComment: string | null = null;

  @ManyToOne(() => User, { nullable: true })
  decidedBy: Rel<User> | null = null;

  @ManyToOne(() => Expertise, { nullable: true })
  revisedExpertise: Rel<Expertise> | null = null;

  @Field(() => ExpertiseType, { nullable: true, description: 'Повторная экспертиза, организованная ТФОМС: вид' })
  @Enum({ items: () => ExpertiseType, nullable: true })
  repeatType: ExpertiseType | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Повторная экспертиза: дата проведения' })
  @Property({ type: 'date', nullable: true })
  repeatHeldOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Повторная экспертиза: эксперт (ФИО, специальность, номер в реестре экспертов)' })
  @Property({ type: 'text', nullable: true })
  repeatExpert: string | null = null;
}

/** Last expertise number per SMO and year. */
@Entity({ tableName: 'expertise_number_counter' })
export class ExpertiseNumberCounter {
  @PrimaryKey({ type: 'uuid' })
  smoId!: string;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'integer' })
  last!: number;
}
