import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { registerLabelledEnum } from '../../graphql/enums.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

export enum PlanItemStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  NOT_DONE = 'NOT_DONE',
}

export const PLAN_ITEM_STATUS_LABEL: Record<PlanItemStatus, string> = {
  PLANNED: 'запланировано',
  IN_PROGRESS: 'выполняется',
  DONE: 'выполнено',
  NOT_DONE: 'не выполнено',
};

registerLabelledEnum(PlanItemStatus, 'PlanItemStatus', 'Состояние пункта плана', PLAN_ITEM_STATUS_LABEL);

@ObjectType({ description: 'План мероприятий СМО на квартал, составляемый совместно с МО' })
@Entity({ tableName: 'improvement_plan' })
@Unique({ properties: ['smo', 'year', 'quarter'] })
export class ImprovementPlan {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Organisation)
  smo!: Rel<Organisation>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quarter!: number;

  @ManyToOne(() => User)
  createdBy!: Rel<User>;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

@ObjectType({ description: 'Пункт плана мероприятий' })
@Entity({ tableName: 'plan_item' })
export class PlanItem {
  [OptionalProps]?: 'status' | 'version' | 'outcome' | 'carriedFrom' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => ImprovementPlan)
  @Index()
  plan!: Rel<ImprovementPlan>;

  @Field({ description: 'Мероприятие' })
  @Property({ type: 'text' })
  measure!: string;

  @Field(() => [ID], { description: 'МО, которым адресовано; пусто — всем МО' })
  @Property({ type: 'text[]', columnType: 'uuid[]', default: '{}' })
  targetMoIds: string[] = [];

  @Field({ description: 'Ответственная организация' })
  @Property({ type: 'text' })
  responsibleOrganisation!: string;

  @Field({ description: 'Ответственное лицо' })
  @Property({ type: 'text' })
  responsiblePerson!: string;

  @Field(() => LocalDateScalar)
  @Property({ type: 'date' })
  dueDate!: string;

  @Field(() => [String], { description: 'Коды дефектов, на которые направлено' })
  @Property({ type: 'text[]', default: '{}' })
  defectCodes: string[] = [];

  @Field(() => [ID], { description: 'Причины, на которые направлено' })
  @Property({ type: 'text[]', columnType: 'uuid[]', default: '{}' })
  rootCauseIds: string[] = [];

  @Field(() => PlanItemStatus)
  @Enum({ items: () => PlanItemStatus, default: PlanItemStatus.PLANNED })
  status: PlanItemStatus = PlanItemStatus.PLANNED;

  @Field(() => String, { nullable: true, description: 'Итог выполнения' })
  @Property({ type: 'text', nullable: true })
  outcome: string | null = null;

  @ManyToOne(() => PlanItem, { nullable: true })
  carriedFrom: Rel<PlanItem> | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

@ObjectType({ description: 'Согласование пункта плана медицинской организацией' })
@Entity({ tableName: 'plan_item_confirmation' })
@Unique({ properties: ['item', 'mo'] })
export class PlanItemConfirmation {
  [OptionalProps]?: 'confirmedAt' | 'comment';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => PlanItem)
  @Index()
  item!: Rel<PlanItem>;

  @ManyToOne(() => Organisation)
  mo!: Rel<Organisation>;

  @Field({ description: 'Согласовано (иначе — замечания)' })
  @Property({ type: 'boolean' })
  agreed!: boolean;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @ManyToOne(() => User)
  confirmedBy!: Rel<User>;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  confirmedAt: Date = new Date();
}
