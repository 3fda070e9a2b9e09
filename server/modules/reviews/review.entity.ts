import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { ActionStatus, ActionType, MemberRole } from './review.enums.js';

@ObjectType({ description: 'Причина нарушения (справочник)' })
@Entity({ tableName: 'root_cause' })
export class RootCause {
  [OptionalProps]?: 'active' | 'requiresText';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Код причины' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Требуется пояснение текстом (например, «другое»)' })
  @Property({ type: 'boolean', default: false })
  requiresText: boolean = false;

  @Field(() => Int)
  @Property({ type: 'integer' })
  position!: number;

  @Field()
  @Property({ type: 'boolean', default: true })
  active: boolean = true;
}

@ObjectType({ description: 'Член комиссии' })
export class CommissionMember {
  @Field()
  name!: string;

  @Field()
  position!: string;

  @Field(() => MemberRole)
  role!: MemberRole;
}

@ObjectType({ description: 'Найденная причина' })
export class FoundCause {
  @Field(() => ID)
  rootCauseId!: string;

  @Field({ description: 'Название причины на момент разбора' })
  name!: string;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType({ description: 'Мнение комиссии о замечании эксперта СМО' })
export class FindingOpinion {
  @Field(() => ID)
  findingId!: string;

  @Field()
  agrees!: boolean;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType({ description: 'Комиссионный разбор случая отказа в медицинской организации' })
@Entity({ tableName: 'commission_review' })
export class CommissionReview {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => RefusalCase, { unique: true })
  refusalCase!: Rel<RefusalCase>;

  @Field({ description: 'Номер протокола' })
  @Property({ type: 'text' })
  protocolNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Дата протокола' })
  @Property({ type: 'date' })
  @Index()
  protocolDate!: string;

  @Field(() => [CommissionMember])
  @Property({ type: 'jsonb' })
  members!: CommissionMember[];

  @Field(() => [FoundCause], { description: 'Причины, установленные комиссией' })
  @Property({ type: 'jsonb' })
  causes!: FoundCause[];

  @Field({ description: 'Заключение комиссии' })
  @Property({ type: 'text' })
  conclusion!: string;

  @ManyToOne(() => User)
  recordedBy!: Rel<User>;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

@ObjectType({ description: 'Корректирующее или предупреждающее мероприятие' })
@Entity({ tableName: 'corrective_action' })
@Index({ properties: ['status', 'dueDate'] })
// A case's actions with what the report counts of them, from the index alone.
@Index({
  name: 'corrective_action_refusal_case_id_index',
  expression: 'create index "corrective_action_refusal_case_id_index" on "corrective_action" ("refusal_case_id") include ("status", "due_date")',
})
export class CorrectiveAction {
  [OptionalProps]?: 'status' | 'version' | 'createdAt' | 'updatedAt' | 'evidence' | 'cancelReason' | 'completedOn' | 'confirmedBy';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => CommissionReview)
  @Index()
  review!: Rel<CommissionReview>;

  @ManyToOne(() => RefusalCase)
  refusalCase!: Rel<RefusalCase>;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => ActionType)
  @Enum({ items: () => ActionType })
  type!: ActionType;

  @Field({ description: 'Ответственный: ФИО' })
  @Property({ type: 'text' })
  ownerName!: string;

  @Field({ description: 'Ответственный: должность' })
  @Property({ type: 'text' })
  ownerPosition!: string;

  @Field(() => LocalDateScalar, { description: 'Срок' })
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => ActionStatus)
  @Enum({ items: () => ActionStatus, default: ActionStatus.PLANNED })
  status: ActionStatus = ActionStatus.PLANNED;

  @Field(() => String, { nullable: true, description: 'Подтверждение выполнения' })
  @Property({ type: 'text', nullable: true })
  evidence: string | null = null;

  @Field(() => String, { nullable: true, description: 'Причина отмены' })
  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата выполнения' })
  @Property({ type: 'date', nullable: true })
  completedOn: string | null = null;

  @ManyToOne(() => User, { nullable: true })
  confirmedBy: Rel<User> | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
