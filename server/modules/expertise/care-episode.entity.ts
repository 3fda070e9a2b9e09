import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { newId } from '../../shared/ids.js';
import { NormKind } from '../norms/norm-kind.entity.js';
import { Expertise } from './expertise.entity.js';

/**
 * One case of care the expert examined (a hospital stay, an outpatient episode: one medical
 * record). Its findings are sanctioned together: non-payment is part of its cost (RT) and one
 * ground applies per episode. Frozen with its expertise once signed.
 */
@ObjectType({ description: 'Случай оказания медицинской помощи, проверенный экспертом' })
@Entity({ tableName: 'care_episode' })
export class CareEpisode {
  [OptionalProps]?: 'createdAt' | 'careFrom' | 'careTo';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Expertise)
  @Index()
  expertise!: Rel<Expertise>;

  @Field({ description: 'Номер медицинской карты (истории болезни) или случая, отделение' })
  @Property({ type: 'text' })
  recordNumber!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Начало оказания помощи; пусто — у случаев, перенесённых из прежних замечаний' })
  @Property({ type: 'date', nullable: true })
  careFrom: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Окончание оказания помощи; по этой дате выбирается норматив RP' })
  @Property({ type: 'date', nullable: true })
  careTo: string | null = null;

  @ManyToOne(() => NormKind)
  normKind!: Rel<NormKind>;

  @Field(() => DecimalScalar, { description: 'RT — стоимость случая (тариф), рубли с копейками' })
  @Property({ type: 'decimal', columnType: 'numeric(14,2)' })
  tariff!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
