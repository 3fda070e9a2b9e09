import { newId } from '../../shared/ids.js';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { OrganisationKind } from './organisation-kind.js';

@ObjectType({ description: 'Организация: СМО, МО, бюро МСЭ или территориальный фонд' })
@Entity({ tableName: 'organisation' })
@Unique({ properties: ['kind', 'registryCode'] })
export class Organisation {
  [OptionalProps]?: 'registryCode' | 'active' | 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => OrganisationKind)
  @Enum({ items: () => OrganisationKind })
  @Index()
  kind!: OrganisationKind;

  @Field({ description: 'Полное наименование' })
  @Property({ type: 'text' })
  fullName!: string;

  @Field({ description: 'Краткое наименование' })
  @Property({ type: 'text' })
  shortName!: string;

  @Field({ description: 'ОГРН (13 цифр) или ОГРНИП (15 цифр)' })
  @Property({ type: 'text', unique: true })
  ogrn!: string;

  @Field(() => String, { nullable: true, description: 'Код в реестре ТФОМС (реестр МО или СМО); в файлах случаев его можно указать вместо ОГРН' })
  @Property({ type: 'text', nullable: true })
  registryCode: string | null = null;

  @Field({ description: 'Субъект РФ' })
  @Property({ type: 'text' })
  region!: string;

  @Field()
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Field(() => Int, { description: 'Версия записи для защиты от потерянных правок' })
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field()
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
