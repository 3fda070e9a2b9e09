import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';

export enum AttachmentOwner {
  CASE = 'CASE',
  REVIEW = 'REVIEW',
  ACTION = 'ACTION',
}

registerEnumType(AttachmentOwner, {
  name: 'AttachmentOwner',
  description: 'К чему приложен файл',
  valuesConfig: { CASE: { description: 'случай' }, REVIEW: { description: 'комиссионный разбор' }, ACTION: { description: 'мероприятие' } },
});

@ObjectType({ description: 'Приложенный файл (скан протокола, подтверждение выполнения)' })
@Entity({ tableName: 'attachment' })
@Index({ properties: ['ownerType', 'ownerId'] })
// The per-organisation daily upload quota sums a user's uploads of the last day.
@Index({
  name: 'attachment_uploaded_by_at_index',
  expression: 'create index "attachment_uploaded_by_at_index" on "attachment" ("uploaded_by_id", "uploaded_at") include ("size")',
})
export class Attachment {
  [OptionalProps]?: 'uploadedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => AttachmentOwner)
  @Enum({ items: () => AttachmentOwner })
  ownerType!: AttachmentOwner;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  ownerId!: string;

  /** Every file belongs to a case: its parties decide who may read it. */
  @ManyToOne(() => RefusalCase)
  @Index()
  refusalCase!: Rel<RefusalCase>;

  @Field()
  @Property({ type: 'text' })
  fileName!: string;

  @Field()
  @Property({ type: 'text' })
  contentType!: string;

  @Field(() => Int, { description: 'Размер, байт' })
  @Property({ type: 'integer' })
  size!: number;

  @Field({ description: 'SHA-256 содержимого' })
  @Property({ type: 'text' })
  sha256!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @ManyToOne(() => User)
  uploadedBy!: Rel<User>;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  uploadedAt: Date = new Date();
}
