import { newId } from '../../shared/ids.js';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

@ObjectType({ description: 'Комментарий к случаю' })
@Entity({ tableName: 'case_comment' })
@Index({ properties: ['refusalCase', 'createdAt'] })
export class CaseComment {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => RefusalCase)
  refusalCase!: Rel<RefusalCase>;

  @ManyToOne(() => User)
  author!: Rel<User>;

  /** The author's organisation: an internal comment is visible only inside it. */
  @ManyToOne(() => Organisation, { nullable: true })
  organisation!: Rel<Organisation> | null;

  @Field({ description: 'Виден другой стороне (иначе — только своей организации)' })
  @Property({ type: 'boolean' })
  shared!: boolean;

  @Field()
  @Property({ type: 'text' })
  text!: string;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
