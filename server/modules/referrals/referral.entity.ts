import { Entity, Enum, OneToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { newId } from '../../shared/ids.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';

/** Purposes of a referral to МСЭ as form 088/у lists them. */
export enum ReferralPurpose {
  DISABILITY_GROUP = 'DISABILITY_GROUP',
  CHILD_DISABLED = 'CHILD_DISABLED',
  DISABILITY_CAUSE = 'DISABILITY_CAUSE',
  WORK_CAPACITY_LOSS = 'WORK_CAPACITY_LOSS',
  REHABILITATION_PROGRAM = 'REHABILITATION_PROGRAM',
  OTHER = 'OTHER',
}
registerEnumType(ReferralPurpose, {
  name: 'ReferralPurpose',
  description: 'Цель направления на МСЭ (форма 088/у)',
  valuesConfig: {
    DISABILITY_GROUP: { description: 'установление группы инвалидности' },
    CHILD_DISABLED: { description: 'установление категории «ребёнок-инвалид»' },
    DISABILITY_CAUSE: { description: 'установление причины инвалидности' },
    WORK_CAPACITY_LOSS: { description: 'установление степени утраты профессиональной трудоспособности' },
    REHABILITATION_PROGRAM: { description: 'разработка или коррекция ИПРА' },
    OTHER: { description: 'иная цель' },
  },
});

export enum ExaminationKind {
  PRIMARY = 'PRIMARY',
  REPEAT = 'REPEAT',
}
registerEnumType(ExaminationKind, {
  name: 'ExaminationKind',
  description: 'Первичное или повторное освидетельствование',
  valuesConfig: { PRIMARY: { description: 'первичное' }, REPEAT: { description: 'повторное' } },
});

export enum BureauAnswerKind {
  RETURNED = 'RETURNED',
  REFUSED = 'REFUSED',
}
registerEnumType(BureauAnswerKind, {
  name: 'BureauAnswerKind',
  description: 'Ответ бюро на направление',
  valuesConfig: { RETURNED: { description: 'возврат на доработку' }, REFUSED: { description: 'отказ в освидетельствовании' } },
});

export enum ExaminationOutcome {
  GROUP_I = 'GROUP_I',
  GROUP_II = 'GROUP_II',
  GROUP_III = 'GROUP_III',
  CHILD_DISABLED = 'CHILD_DISABLED',
  NOT_ESTABLISHED = 'NOT_ESTABLISHED',
}
registerEnumType(ExaminationOutcome, {
  name: 'ExaminationOutcome',
  description: 'Итог освидетельствования',
  valuesConfig: {
    GROUP_I: { description: 'установлена I группа' },
    GROUP_II: { description: 'установлена II группа' },
    GROUP_III: { description: 'установлена III группа' },
    CHILD_DISABLED: { description: 'установлена категория «ребёнок-инвалид»' },
    NOT_ESTABLISHED: { description: 'инвалидность не установлена' },
  },
});

@ObjectType({ description: 'Ответ бюро на направление: отказ или возврат на доработку, и повторное направление' })
export class BureauAnswer {
  @Field(() => BureauAnswerKind)
  kind!: BureauAnswerKind;

  @Field(() => LocalDateScalar, { description: 'Дата ответа бюро' })
  answeredOn!: string;

  @Field({ description: 'Причина' })
  reason!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата повторного направления; null — ещё не направлено' })
  resubmittedOn!: string | null;
}

/** The story of the MO's referral (form 088/у) behind a refusal case, edited as a whole. */
@ObjectType({ description: 'Направление на МСЭ (форма 088/у): от протокола ВК до итога освидетельствования' })
@Entity({ tableName: 'referral' })
export class Referral {
  [OptionalProps]?: 'version' | 'updatedAt' | 'answers' | 'examinedOn' | 'outcome';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @OneToOne(() => RefusalCase, { owner: true, unique: true, deleteRule: 'cascade' })
  refusalCase!: Rel<RefusalCase>;

  @Field({ description: 'Номер протокола врачебной комиссии' })
  @Property({ type: 'text' })
  vkProtocolNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Дата протокола врачебной комиссии' })
  @Property({ type: 'date' })
  vkProtocolDate!: string;

  @Field(() => ReferralPurpose)
  @Enum({ items: () => ReferralPurpose })
  purpose!: ReferralPurpose;

  @Field(() => ExaminationKind)
  @Enum({ items: () => ExaminationKind })
  examinationKind!: ExaminationKind;

  @Field(() => LocalDateScalar, { description: 'Дата первого направления в бюро' })
  @Property({ type: 'date' })
  sentOn!: string;

  @Field(() => [BureauAnswer], { description: 'Ответы бюро по порядку' })
  @Property({ type: 'jsonb', default: '[]' })
  answers: BureauAnswer[] = [];

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата освидетельствования (бюро приняло направление)' })
  @Property({ type: 'date', nullable: true })
  examinedOn: string | null = null;

  @Field(() => ExaminationOutcome, { nullable: true })
  @Enum({ items: () => ExaminationOutcome, nullable: true })
  outcome: ExaminationOutcome | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
