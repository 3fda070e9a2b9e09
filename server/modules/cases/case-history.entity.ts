import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from './refusal-case.entity.js';

export enum HistoryKind {
  REGISTERED = 'REGISTERED',
  IMPORTED = 'IMPORTED',
  UPDATED = 'UPDATED',
  STATE_CHANGED = 'STATE_CHANGED',
  ENP_CHECKSUM_OVERRIDDEN = 'ENP_CHECKSUM_OVERRIDDEN',
  EXPERTISE_OPENED = 'EXPERTISE_OPENED',
  EXPERTISE_UPDATED = 'EXPERTISE_UPDATED',
  FINDINGS_CHANGED = 'FINDINGS_CHANGED',
  DISCUSSION_RECORDED = 'DISCUSSION_RECORDED',
  MO_POSITION_RECORDED = 'MO_POSITION_RECORDED',
  EXPERTISE_SIGNED = 'EXPERTISE_SIGNED',
  APPEAL_REGISTERED = 'APPEAL_REGISTERED',
  APPEAL_SETTLED = 'APPEAL_SETTLED',
  REVIEW_RECORDED = 'REVIEW_RECORDED',
  ACTION_UPDATED = 'ACTION_UPDATED',
  COMMENT_SHARED = 'COMMENT_SHARED',
  ATTACHMENT_ADDED = 'ATTACHMENT_ADDED',
  ACT_SENT = 'ACT_SENT',
  ACT_RECEIVED = 'ACT_RECEIVED',
}

registerEnumType(HistoryKind, { name: 'HistoryKind', description: 'Вид события в истории случая' });

@ObjectType({ description: 'Изменение одного поля' })
export class FieldChange {
  @Field({ description: 'Поле (идентификатор)' })
  field!: string;

  @Field({ description: 'Поле (название для пользователя)' })
  label!: string;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;
}

/** One event of a case's timeline. Append-only: the database refuses updates and deletes. */
@ObjectType({ description: 'Событие в истории случая' })
@Entity({ tableName: 'case_history' })
@Index({ name: 'case_history_case_occurred_index', properties: ['refusalCase', 'occurredAt'] })
export class CaseHistoryEntry {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => RefusalCase)
  refusalCase!: Rel<RefusalCase>;

  @Field({ description: 'Когда' })
  @Property({ type: 'timestamptz', defaultRaw: 'clock_timestamp()' })
  occurredAt: Date = new Date();

  @ManyToOne(() => User, { nullable: true })
  actor: Rel<User> | null = null;

  @Field(() => HistoryKind)
  @Enum({ items: () => HistoryKind })
  kind!: HistoryKind;

  @Field({ description: 'Что произошло, словами' })
  @Property({ type: 'text' })
  summary!: string;

  @Field(() => [FieldChange], { description: 'Изменённые поля: было → стало' })
  @Property({ type: 'jsonb', default: '[]' })
  changes: FieldChange[] = [];
}
