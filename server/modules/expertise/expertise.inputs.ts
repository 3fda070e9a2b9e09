import { Field, ID, InputType, Int } from 'type-graphql';
import { ActDeliveryMethod } from './act-delivery.entity.js';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { AppealOutcome, ExpertiseKind, ExpertiseType, MoPosition, ParticipantSide } from './expertise.enums.js';

@InputType({ description: 'Новая экспертиза по случаю' })
export class OpenExpertiseInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => ExpertiseType)
  type!: ExpertiseType;

  @Field(() => ExpertiseKind)
  kind!: ExpertiseKind;

  @Field(() => LocalDateScalar, { description: 'Дата начала; по ней выбирается действующий перечень дефектов' })
  startDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Дата запроса документов у МО' })
  documentsRequestedOn?: string;

  @Field(() => ID, { nullable: true, description: 'Подписанная экспертиза, которую исправляет новая' })
  correctsExpertiseId?: string;
}

@InputType({ description: 'Даты документооборота экспертизы' })
export class UpdateExpertiseInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => LocalDateScalar, { nullable: true })
  documentsRequestedOn?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  documentsReceivedOn?: string;
}

@InputType({ description: 'Новый случай оказания помощи, проверенный экспертом' })
export class CareEpisodeInput {
  @Field({ description: 'Номер медицинской карты (истории болезни) или случая, отделение' })
  recordNumber!: string;

  @Field(() => LocalDateScalar, { description: 'Начало оказания помощи' })
  careFrom!: string;

  @Field(() => LocalDateScalar, { description: 'Окончание оказания помощи' })
  careTo!: string;

  @Field({ description: 'Код вида подушевого норматива (условия оказания помощи), см. normKinds' })
  normKindCode!: string;

  @Field(() => DecimalScalar, { description: 'RT — стоимость случая, рубли с копейками' })
  tariff!: string;
}

@InputType({ description: 'Замечание эксперта: к уже проверенному случаю (episodeId) или к новому (episode)' })
export class AddFindingInput {
  @Field(() => ID)
  expertiseId!: string;

  @Field({ description: 'Код дефекта из перечня, действующего на дату начала экспертизы, например 3.2.1' })
  code!: string;

  @Field()
  description!: string;

  @Field(() => ID, { nullable: true, description: 'Случай этой экспертизы, к которому относится замечание' })
  episodeId?: string;

  @Field(() => CareEpisodeInput, { nullable: true, description: 'Новый случай (если замечание к случаю, которого ещё нет в экспертизе)' })
  episode?: CareEpisodeInput;
}

@InputType()
export class ParticipantInput {
  @Field(() => ParticipantSide)
  side!: ParticipantSide;

  @Field()
  name!: string;

  @Field()
  position!: string;
}

@InputType({ description: 'Совместный разбор замечаний с МО' })
export class RecordDiscussionInput {
  @Field(() => ID)
  expertiseId!: string;

  @Field(() => LocalDateScalar)
  heldOn!: string;

  @Field(() => [ParticipantInput])
  participants!: ParticipantInput[];

  @Field({ nullable: true })
  notes?: string;
}

@InputType()
export class FindingPositionInput {
  @Field(() => ID)
  findingId!: string;

  @Field(() => MoPosition)
  position!: MoPosition;

  @Field({ nullable: true, description: 'Обязателен при несогласии' })
  comment?: string;
}

@InputType({ description: 'Позиция МО по замечаниям' })
export class RecordMoPositionsInput {
  @Field(() => ID)
  expertiseId!: string;

  @Field(() => [FindingPositionInput])
  positions!: FindingPositionInput[];
}

@InputType({ description: 'Направление акта экспертизы в МО' })
export class RecordActDeliveryInput {
  @Field(() => ID)
  expertiseId!: string;

  @Field(() => LocalDateScalar, { description: 'Когда акт направлен' })
  sentOn!: string;

  @Field(() => ActDeliveryMethod)
  method!: ActDeliveryMethod;
}

@InputType({ description: 'Разногласие МО по замечанию' })
export class ActObjectionInput {
  @Field(() => ID)
  findingId!: string;

  @Field({ description: 'С чем МО не согласна' })
  text!: string;
}

@InputType({ description: 'Получение и подписание акта экспертизы медицинской организацией' })
export class RecordActReceiptInput {
  @Field(() => ID)
  expertiseId!: string;

  @Field(() => LocalDateScalar, { description: 'Когда МО получила акт (по её отметке)' })
  receivedOn!: string;

  @Field(() => Boolean, { nullable: true, description: 'МО подписала акт с разногласиями' })
  signedWithDisagreement?: boolean | null;

  @Field(() => [ActObjectionInput], { nullable: true, description: 'Разногласия по замечаниям (при подписании с разногласиями)' })
  objections?: ActObjectionInput[] | null;
}

@InputType({ description: 'Обжалование заключения медицинской организацией' })
export class RegisterAppealInput {
  @Field(() => ID)
  expertiseId!: string;

  @Field(() => LocalDateScalar)
  filedOn!: string;

  @Field()
  grounds!: string;
}

@InputType({ description: 'Повторная МЭЭ или ЭКМП, организованная ТФОМС по претензии' })
export class RepeatExpertiseInput {
  @Field(() => ExpertiseType)
  type!: ExpertiseType;

  @Field(() => LocalDateScalar, { description: 'Дата проведения' })
  heldOn!: string;

  @Field({ description: 'Эксперт: ФИО, специальность, номер в реестре экспертов качества' })
  expert!: string;
}

@InputType({ description: 'Решение ТФОМС по обжалованию' })
export class SettleAppealInput {
  @Field(() => ID)
  expertiseId!: string;

  @Field(() => AppealOutcome)
  outcome!: AppealOutcome;

  @Field(() => LocalDateScalar)
  decidedOn!: string;

  @Field({ nullable: true })
  comment?: string;

  @Field(() => [ID], { nullable: true, description: 'При частичном изменении: замечания, которые остаются в силе' })
  standingFindingIds?: string[];

  @Field(() => RepeatExpertiseInput, { description: 'Повторная экспертиза, на которой основано решение (326-ФЗ, ст. 42 ч. 3)' })
  repeatExpertise!: RepeatExpertiseInput;
}
