import { newId } from '../../shared/ids.js';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Sex } from './sex.js';

/**
 * The insured person as one SMO recorded them: what an SMO typed about a person is that SMO's
 * record, so two insurers holding the same ЕНП hold two rows, and neither reads nor changes the
 * other's. Reachable only through a refusal case the viewer may see. The ЕНП leads the unique
 * index so that the fund can still find every insurer's record of one person.
 */
@ObjectType({ description: 'Застрахованное лицо' })
@Entity({ tableName: 'insured_person' })
@Unique({ name: 'insured_person_enp_smo_unique', properties: ['enp', 'smo'] })
export class InsuredPerson {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'patronymic' | 'snils' | 'enpChecksumOverridden';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Единый номер полиса ОМС, 16 цифр' })
  @Property({ type: 'text' })
  enp!: string;

  /** The SMO whose record this is. */
  @ManyToOne(() => Organisation)
  smo!: Rel<Organisation>;

  @Field({ description: 'ЕНП принят без совпадения контрольной цифры (по явному решению пользователя)' })
  @Property({ type: 'boolean', default: false })
  enpChecksumOverridden: boolean = false;

  @Field(() => String, { nullable: true, description: 'СНИЛС, XXX-XXX-XXX YY' })
  @Property({ type: 'text', nullable: true })
  snils: string | null = null;

  @Field()
  @Property({ type: 'text' })
  surname!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  patronymic: string | null = null;

  @Field(() => LocalDateScalar)
  @Property({ type: 'date' })
  birthDate!: string;

  @Field(() => Sex)
  @Enum({ items: () => Sex })
  sex!: Sex;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

export const fullNameOf = (p: Pick<InsuredPerson, 'surname' | 'name' | 'patronymic'>) => [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
