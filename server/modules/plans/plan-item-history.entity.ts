import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { FieldChange } from '../cases/case-history.entity.js';
import { PlanItem } from './plan.entity.js';

/** One event of a plan item's timeline: added, its terms changed, moved on, agreed or commented by an MO. */
@ObjectType({ description: 'Событие в истории пункта плана' })
@Entity({ tableName: 'plan_item_history' })
@Index({ properties: ['item', 'occurredAt'] })
export class PlanItemHistoryEntry {
  [OptionalProps]?: 'occurredAt' | 'actor' | 'changes' | 'aboutMo';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => PlanItem, { deleteRule: 'cascade' })
  item!: Rel<PlanItem>;

  @Field({ description: 'Когда' })
  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  occurredAt: Date = new Date();

  @ManyToOne(() => User, { nullable: true })
  actor: Rel<User> | null = null;

  /** The MO whose answer the entry tells: shown only to those who may see that MO's answers. */
  @ManyToOne(() => Organisation, { nullable: true })
  aboutMo: Rel<Organisation> | null = null;

  @Field({ description: 'Что произошло, словами' })
  @Property({ type: 'text' })
  summary!: string;

  @Field(() => [FieldChange], { description: 'Изменённые поля: было → стало' })
  @Property({ type: 'jsonb', default: '[]' })
  changes: FieldChange[] = [];
}
