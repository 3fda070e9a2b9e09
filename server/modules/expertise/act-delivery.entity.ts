import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { registerLabelledEnum } from '../../graphql/enums.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { newId } from '../../shared/ids.js';
import { User } from '../auth/user.entity.js';
import { Expertise } from './expertise.entity.js';

export enum ActDeliveryMethod {
  HAND = 'HAND',
  MAIL = 'MAIL',
  EDO = 'EDO',
}

export const ACT_DELIVERY_METHOD_LABEL: Record<ActDeliveryMethod, string> = {
  HAND: 'нарочно, под подпись',
  MAIL: 'заказным письмом',
  EDO: 'по системе электронного документооборота',
};

registerLabelledEnum(ActDeliveryMethod, 'ActDeliveryMethod', 'Способ направления акта в МО', ACT_DELIVERY_METHOD_LABEL);

@ObjectType({ description: 'Разногласие МО по замечанию акта' })
export class ActObjection {
  @Field(() => ID)
  findingId!: string;

  @Field({ description: 'С чем МО не согласна' })
  text!: string;
}

/**
 * The act's way to the MO: when and how the SMO sent it, and when the MO received it. The MO's
 * appeal window (326-ФЗ art. 42 part 1) runs from the receipt.
 */
@ObjectType({ description: 'Направление акта экспертизы в МО и его получение' })
@Entity({ tableName: 'expertise_act_delivery' })
// «Мои задачи»: acts sent and not received yet; acts received within the appeal window.
@Index({
  name: 'expertise_act_delivery_unreceived_index',
  expression: 'create index "expertise_act_delivery_unreceived_index" on "expertise_act_delivery" ("expertise_id") where received_on is null',
})
@Index({ name: 'expertise_act_delivery_received_on_index', properties: ['receivedOn'] })
@Check({ name: 'act_delivery_sent_or_received', expression: 'sent_on is not null or received_on is not null' })
@Check({ name: 'act_received_after_sent', expression: 'received_on is null or sent_on is null or received_on >= sent_on' })
export class ActDelivery {
  [OptionalProps]?: 'createdAt' | 'sentOn' | 'method' | 'sentBy' | 'receivedOn' | 'receiptRecordedBy' | 'signedWithDisagreement' | 'objections';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Expertise, { unique: true })
  expertise!: Rel<Expertise>;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Когда акт направлен в МО' })
  @Property({ type: 'date', nullable: true })
  sentOn: string | null = null;

  @Field(() => ActDeliveryMethod, { nullable: true, description: 'Как направлен' })
  @Enum({ items: () => ActDeliveryMethod, nullable: true })
  method: ActDeliveryMethod | null = null;

  @ManyToOne(() => User, { nullable: true })
  sentBy: Rel<User> | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Когда МО получила акт: с этого дня идёт срок обжалования' })
  @Property({ type: 'date', nullable: true })
  receivedOn: string | null = null;

  @ManyToOne(() => User, { nullable: true })
  receiptRecordedBy: Rel<User> | null = null;

  @Field({ description: 'МО подписала акт с разногласиями' })
  @Property({ type: 'boolean', default: false })
  signedWithDisagreement: boolean = false;

  @Field(() => [ActObjection], { description: 'Разногласия МО по замечаниям' })
  @Property({ type: 'jsonb', default: '[]' })
  objections: ActObjection[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
