import { newId } from '../../shared/ids.js';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars.js';
import { CatalogueVersion } from './catalogue-version.entity.js';

export const SECTION_NAME: Record<number, string> = {
  1: 'Медико-экономический контроль (МЭК)',
  2: 'Медико-экономическая экспертиза (МЭЭ)',
  3: 'Экспертиза качества медицинской помощи (ЭКМП)',
};

@ObjectType({ description: 'Код нарушения (дефекта) из перечня оснований' })
@Entity({ tableName: 'defect_code' })
@Unique({ properties: ['catalogueVersion', 'code'] })
export class DefectCode {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => CatalogueVersion, { deleteRule: 'cascade' })
  catalogueVersion!: Rel<CatalogueVersion>;

  @Field({ description: 'Код, например 3.2.1' })
  @Property({ type: 'text' })
  code!: string;

  @Field(() => Int, { description: 'Раздел: 1 — МЭК, 2 — МЭЭ, 3 — ЭКМП' })
  @Property({ type: 'smallint' })
  section!: number;

  @Field(() => String, { nullable: true, description: 'Код группы, в которую входит код' })
  @Property({ type: 'text', nullable: true })
  parentCode!: string | null;

  @Field({ description: 'Полный текст основания' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Кно — коэффициент неоплаты; null, если в перечне не задан (сумма неоплаты не начисляется)',
  })
  @Property({ type: 'decimal', columnType: 'numeric', nullable: true })
  nonPaymentCoefficient!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Кшт — коэффициент штрафа; null, если в перечне не задан (штраф не начисляется)',
  })
  @Property({ type: 'decimal', columnType: 'numeric', nullable: true })
  fineCoefficient!: string | null;

  @Field({ description: 'Можно ли указать код в замечании эксперта (у группы с подпунктами нельзя)' })
  @Property({ type: 'boolean' })
  assignable!: boolean;

  @Field(() => Int, { description: 'Порядок в документе' })
  @Property({ type: 'integer' })
  position!: number;
}
