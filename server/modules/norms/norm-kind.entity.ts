import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';

/**
 * A kind of per-capita norm as the region's tariff agreement defines it (inpatient, outpatient
 * per capita for all care, ...): reference data administrators keep, not a fixed list.
 */
@ObjectType({ description: 'Вид подушевого норматива (RP) по тарифному соглашению региона' })
@Entity({ tableName: 'norm_kind' })
export class NormKind {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Краткий код вида, например СТАЦ; по нему вид выбирают при вводе и импорте' })
  @Property({ type: 'text' })
  @Unique()
  code!: string;

  @Field({ description: 'Наименование вида норматива, как в тарифном соглашении' })
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
