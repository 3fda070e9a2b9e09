import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { PlanItemStatus } from './plan.entity.js';

@InputType({ description: 'Пункт плана мероприятий' })
export class AddPlanItemInput {
  @Field(() => ID)
  planId!: string;

  @Field()
  measure!: string;

  @Field(() => [ID], { nullable: true, description: 'МО; пусто — всем МО' })
  targetMoIds?: string[];

  @Field()
  responsibleOrganisation!: string;

  @Field()
  responsiblePerson!: string;

  @Field(() => LocalDateScalar)
  dueDate!: string;

  @Field(() => [String], { nullable: true })
  defectCodes?: string[];

  @Field(() => [ID], { nullable: true })
  rootCauseIds?: string[];
}

@InputType({ description: 'Правка пункта плана: условия (до выполнения) и ход выполнения; не переданные поля не меняются' })
export class UpdatePlanItemInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => PlanItemStatus, { nullable: true })
  status?: PlanItemStatus;

  @Field({ nullable: true })
  outcome?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  dueDate?: string;

  @Field({ nullable: true, description: 'Мероприятие (до выполнения пункта)' })
  measure?: string;

  @Field(() => [ID], { nullable: true, description: 'МО; пусто — всем МО; не передано — без изменений' })
  targetMoIds?: string[];

  @Field({ nullable: true })
  responsibleOrganisation?: string;

  @Field({ nullable: true })
  responsiblePerson?: string;

  @Field(() => [String], { nullable: true })
  defectCodes?: string[];

  @Field(() => [ID], { nullable: true })
  rootCauseIds?: string[];
}
