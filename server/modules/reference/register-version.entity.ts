import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { newId } from '../../shared/ids.js';

/**
 * One version of a dictionary of the federal register of reference data (ФНСИ) as it was loaded.
 * Versions sit side by side: what was recorded under an older one keeps its codes and names.
 */
@ObjectType({ description: 'Версия справочника ФНСИ, загруженная в Razbor' })
@Entity({ tableName: 'register_version' })
@Unique({ properties: ['oid', 'version'] })
export class RegisterVersion {
  [OptionalProps]?: 'importedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'OID справочника в ФНСИ' })
  @Property({ type: 'text' })
  oid!: string;

  @Field({ description: 'Версия справочника' })
  @Property({ type: 'text' })
  version!: string;

  @Field({ description: 'Краткое наименование' })
  @Property({ type: 'text' })
  shortName!: string;

  @Field({ description: 'Полное наименование' })
  @Property({ type: 'text' })
  fullName!: string;

  @Field(() => LocalDateScalar, { description: 'Дата публикации версии в ФНСИ' })
  @Property({ type: 'date' })
  publishedOn!: string;

  @Field(() => Int, { description: 'Число записей' })
  @Property({ type: 'integer' })
  rowCount!: number;

  @Field({ description: 'Когда загружена в Razbor' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  importedAt: Date = new Date();
}
