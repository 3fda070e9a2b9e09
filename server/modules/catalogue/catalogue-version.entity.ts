import { newId } from '../../shared/ids.js';
import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'Версия перечня оснований (дефектов) по тарифному соглашению' })
@Entity({ tableName: 'catalogue_version' })
@Unique({ properties: ['name', 'effectiveFrom'] })
export class CatalogueVersion {
  [OptionalProps]?: 'importedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Название версии' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Документ-источник (файл)' })
  @Property({ type: 'text' })
  sourceDocument!: string;

  @Field(() => LocalDateScalar, { description: 'Дата вступления в силу' })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  /** SHA-256 of the source file: the same version imported again is recognised by it. */
  @Property({ type: 'text' })
  contentHash!: string;

  @Field(() => Int, { description: 'Число кодов' })
  @Property({ type: 'integer' })
  codeCount!: number;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  importedAt: Date = new Date();
}
