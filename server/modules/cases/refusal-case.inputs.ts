import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { Sex } from '../persons/sex.js';

@InputType({ description: 'Застрахованное лицо: находится по ЕНП, при повторе не дублируется' })
export class PersonInput {
  @Field({ description: 'ЕНП, 16 цифр' })
  enp!: string;

  @Field({
    nullable: true,
    description: 'Принять ЕНП, не прошедший проверку контрольной цифры (реальный полис); записывается в историю',
  })
  enpChecksumOverride?: boolean;

  @Field({ nullable: true, description: 'СНИЛС, XXX-XXX-XXX YY' })
  snils?: string;

  @Field()
  surname!: string;

  @Field()
  name!: string;

  @Field({ nullable: true })
  patronymic?: string;

  @Field(() => LocalDateScalar)
  birthDate!: string;

  @Field(() => Sex)
  sex!: Sex;
}

@InputType()
export class MissingExaminationInput {
  @Field({ nullable: true, description: 'Код НМУ, например A05.10.006; название тогда берётся из номенклатуры' })
  nmuCode?: string;

  @Field({ nullable: true, description: 'Название, когда обследования нет в НМУ («другое»)' })
  name?: string;

  @Field({ defaultValue: false, description: 'Прямо названо бюро МСЭ' })
  namedByBureau!: boolean;
}

@InputType({ description: 'Регистрация случая отказа (СМО — организация эксперта)' })
export class RegisterRefusalCaseInput {
  @Field(() => PersonInput)
  person!: PersonInput;

  @Field(() => ID, { description: 'Направившая МО' })
  moId!: string;

  @Field(() => ID, { description: 'Бюро МСЭ' })
  bureauId!: string;

  @Field({ description: 'Номер направления (088/у)' })
  referralNumber!: string;

  @Field(() => LocalDateScalar)
  referralDate!: string;

  @Field(() => LocalDateScalar)
  refusalDate!: string;

  @Field()
  refusalDocumentNumber!: string;

  @Field({ description: 'Основной диагноз, МКБ-10' })
  mainDiagnosis!: string;

  @Field(() => [String], { nullable: true })
  secondaryDiagnoses?: string[];

  @Field(() => [MissingExaminationInput])
  missingExaminations!: MissingExaminationInput[];

  @Field({ nullable: true })
  remarks?: string;

  @Field({ nullable: true, description: 'Ключ запроса: повтор с тем же ключом вернёт уже созданный случай' })
  idempotencyKey?: string;
}

@InputType({ description: 'Правка случая; не переданные поля не меняются' })
export class UpdateRefusalCaseInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Версия, которую правит пользователь' })
  version!: number;

  @Field(() => PersonInput, { nullable: true })
  person?: PersonInput;

  @Field(() => ID, { nullable: true })
  moId?: string;

  @Field(() => ID, { nullable: true })
  bureauId?: string;

  @Field({ nullable: true })
  referralNumber?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  referralDate?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  refusalDate?: string;

  @Field({ nullable: true })
  refusalDocumentNumber?: string;

  @Field({ nullable: true })
  mainDiagnosis?: string;

  @Field(() => [String], { nullable: true })
  secondaryDiagnoses?: string[];

  @Field(() => [MissingExaminationInput], { nullable: true })
  missingExaminations?: MissingExaminationInput[];

  @Field({ nullable: true })
  remarks?: string;
}
