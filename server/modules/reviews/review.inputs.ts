import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { ActionStatus, ActionType, MemberRole } from './review.enums.js';

@InputType()
export class CommissionMemberInput {
  @Field()
  name!: string;

  @Field()
  position!: string;

  @Field(() => MemberRole)
  role!: MemberRole;
}

@InputType()
export class FoundCauseInput {
  @Field(() => ID)
  rootCauseId!: string;

  @Field({ nullable: true, description: 'Пояснение; обязательно для причины «Другое»' })
  comment?: string;
}

@InputType()
export class FindingOpinionInput {
  @Field(() => ID)
  findingId!: string;

  @Field()
  agrees!: boolean;

  @Field({ nullable: true })
  comment?: string;
}

@InputType({ description: 'Новое мероприятие' })
export class NewActionInput {
  @Field()
  description!: string;

  @Field(() => ActionType)
  type!: ActionType;

  @Field()
  ownerName!: string;

  @Field()
  ownerPosition!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;
}

@InputType({ description: 'Комиссионный разбор случая; повторный вызов с версией изменяет разбор' })
export class RecordCommissionReviewInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => Int, { nullable: true, description: 'Версия разбора при изменении' })
  version?: number;

  @Field()
  protocolNumber!: string;

  @Field(() => LocalDateScalar)
  protocolDate!: string;

  @Field(() => [CommissionMemberInput])
  members!: CommissionMemberInput[];

  @Field(() => [FoundCauseInput])
  causes!: FoundCauseInput[];

  @Field()
  conclusion!: string;

  @Field(() => [FindingOpinionInput], { nullable: true, description: 'Мнение по каждому замечанию экспертиз случая' })
  findingOpinions?: FindingOpinionInput[];

  @Field(() => [NewActionInput], { nullable: true, description: 'Мероприятия, решённые на разборе (добавляются)' })
  actions?: NewActionInput[];
}

@InputType({ description: 'Изменение мероприятия' })
export class UpdateCorrectiveActionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => ActionStatus, { nullable: true })
  status?: ActionStatus;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true })
  ownerName?: string;

  @Field({ nullable: true })
  ownerPosition?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  dueDate?: string;

  @Field({ nullable: true, description: 'Подтверждение выполнения; обязательно при переводе в «выполнено»' })
  evidence?: string;

  @Field({ nullable: true, description: 'Причина отмены; обязательна при отмене' })
  cancelReason?: string;
}
