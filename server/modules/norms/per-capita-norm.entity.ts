import { newId } from '../../shared/ids.js';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { NormKind } from './norm-kind.entity.js';

@ObjectType({ description: 'Подушевой норматив финансирования (RP) одного вида на период' })
@Entity({ tableName: 'per_capita_norm' })
@Index({ properties: ['normKind', 'validFrom'] })
export class PerCapitaNorm {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => NormKind)
  normKind!: Rel<NormKind>;

  @Field(() => DecimalScalar, { description: 'Размер норматива, рубли с копейками' })
  @Property({ type: 'decimal', columnType: 'numeric(14,2)' })
  amount!: string;

  @Field(() => LocalDateScalar, { description: 'Действует с' })
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Действует по (включительно); пусто — бессрочно' })
  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;

  @Field({ description: 'Документ, которым установлен норматив' })
  @Property({ type: 'text' })
  basis!: string;
}
