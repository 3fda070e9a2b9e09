import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { today } from '../../shared/clock.js';
import { User } from '../auth/user.entity.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { CalendarMissingError } from '../calendar/working-calendar.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { updateCorrectiveAction } from './action.service.js';
import { ReviewCoverageRow, reviewCoverage } from './review-coverage.js';
import { CommissionReview, CorrectiveAction, FindingOpinion, RootCause } from './review.entity.js';
import { opinionsOfCases } from './review-opinions.js';
import { isActionOpen, isActionOverdue } from './action-lifecycle.js';
import { isCaseMo, mayRecordReview } from '../../access/records.js';
import { RecordCommissionReviewInput, UpdateCorrectiveActionInput } from './review.inputs.js';
import { recordCommissionReview } from './review.service.js';
import { createRootCause, setRootCauseActive } from './root-cause.service.js';

@ObjectType()
export class CommissionReviewPayload extends PayloadOf(CommissionReview) {}

@ObjectType()
export class CorrectiveActionPayload extends PayloadOf(CorrectiveAction) {}

@ObjectType()
export class RootCausePayload extends PayloadOf(RootCause) {}

@ObjectType({ description: 'Срок разбора случая' })
export class ReviewTimeliness {
  @Field(() => Boolean, { nullable: true, description: 'Разбор проведён в срок; null — разбора нет или срок не рассчитан' })
  onTime!: boolean | null;

  @Field({ description: 'Разбора нет, а срок прошёл' })
  overdue!: boolean;
}

/** Files of many records at once; owner ids are UUIDs, unique across owner types. */

@Resolver(() => CommissionReview)
export class ReviewResolver {
  @Query(() => [RootCause], { description: 'Справочник причин' })
  rootCauses(
    @Ctx() ctx: Context,
    @Arg('includeInactive', () => Boolean, { nullable: true, description: 'Показать и выведенные из употребления (для администратора)' })
    includeInactive?: boolean | null,
  ): Promise<RootCause[]> {
    return ctx.em.find(RootCause, includeInactive ? {} : { active: true }, { orderBy: { position: 'asc' } });
  }

  @Query(() => [ReviewCoverageRow], { description: 'Охват и своевременность комиссионных разборов по МО за квартал (в пределах видимости)' })
  reviewCoverage(@Ctx() ctx: Context, @Arg('year', () => Int) year: number, @Arg('quarter', () => Int) quarter: number) {
    return reviewCoverage(ctx.em, viewerOf(ctx), year, quarter);
  }
  @Mutation(() => RootCausePayload, { description: 'Добавить причину в справочник' })
  createRootCause(@Ctx() ctx: Context, @Arg('code') code: string, @Arg('name') name: string, @Arg('requiresText') requiresText: boolean) {
    return runMutation(ctx, (em) => createRootCause(em, { code, name, requiresText }));
  }
  @Mutation(() => RootCausePayload, { description: 'Вывести причину из употребления или вернуть её' })
  setRootCauseActive(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('active') active: boolean) {
    return runMutation(ctx, (em) => setRootCauseActive(em, id, active));
  }
  @Mutation(() => CommissionReviewPayload, { description: 'Записать или изменить комиссионный разбор случая; добавить мероприятия' })
  recordCommissionReview(@Ctx() ctx: Context, @Arg('input') input: RecordCommissionReviewInput) {
    return runMutation(ctx, (em) => recordCommissionReview(em, viewerOf(ctx), input));
  }
  @Mutation(() => CorrectiveActionPayload, { description: 'Ход мероприятия: выполняется, выполнено (с подтверждением), отменено (с причиной)' })
  updateCorrectiveAction(@Ctx() ctx: Context, @Arg('input') input: UpdateCorrectiveActionInput) {
    return runMutation(ctx, (em) => updateCorrectiveAction(em, viewerOf(ctx), input));
  }

  @FieldResolver(() => [CorrectiveAction])
  actions(@Root() review: CommissionReview, @Ctx() ctx: Context): Promise<CorrectiveAction[]> {
    return ctx.loaders.childrenOf(CorrectiveAction, 'review', { dueDate: 'asc' }).load(review.id);
  }

  @FieldResolver(() => User)
  async recordedBy(@Root() review: CommissionReview, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.byId(User).load(review.recordedBy.id))!;
  }

  @FieldResolver(() => [FindingOpinion], { description: 'Позиция МО по каждому замечанию случая (та же, что в экспертизе: последняя высказанная)' })
  async findingOpinions(@Root() review: CommissionReview, @Ctx() ctx: Context): Promise<FindingOpinion[]> {
    return (await opinionsOf(ctx, review)).opinions;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Согласна ли МО с замечаниями СМО в целом: нет, если оспорено хоть одно; null, если замечаний нет или не по всем высказана позиция',
  })
  async agreesWithFindings(@Root() review: CommissionReview, @Ctx() ctx: Context): Promise<boolean | null> {
    return (await opinionsOf(ctx, review)).agreesWithFindings;
  }
}

const opinionsOf = (ctx: Context, review: CommissionReview) =>
  ctx.loaders.batched('caseOpinions', opinionsOfCases, { opinions: [], agreesWithFindings: null }).load(review.refusalCase.id);

@Resolver(() => CorrectiveAction)
export class CorrectiveActionResolver {
  @FieldResolver({ description: 'Срок прошёл, а мероприятие не выполнено и не отменено' })
  overdue(@Root() action: CorrectiveAction): boolean {
    return isActionOverdue(action, today());
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Рабочих дней до срока (отрицательное — просрочено); null для завершённых' })
  async workingDaysLeft(@Root() action: CorrectiveAction, @Ctx() ctx: Context): Promise<number | null> {
    if (!isActionOpen(action.status)) return null;
    try {
      return (await ctx.loaders.memo('calendar', loadWorkingCalendar)).workingDaysBetween(today(), action.dueDate);
    } catch (error) {
      if (error instanceof CalendarMissingError) return null;
      throw error;
    }
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь изменить мероприятие (МО случая, пока оно не выполнено и не отменено)' })
  async editable(@Root() action: CorrectiveAction, @Ctx() ctx: Context): Promise<boolean> {
    return isActionOpen(action.status) && isCaseMo(viewerOf(ctx), (await ctx.loaders.byId(RefusalCase).load(action.refusalCase.id))!);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Кто подтвердил выполнение' })
  confirmedBy(@Root() action: CorrectiveAction, @Ctx() ctx: Context): Promise<User | null> | null {
    return action.confirmedBy ? ctx.loaders.byId(User).load(action.confirmedBy.id) : null;
  }
}

@Resolver(() => RefusalCase)
export class CaseReviewResolver {
  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь записать или изменить комиссионный разбор' })
  mayRecordReview(@Root() c: RefusalCase, @Ctx() ctx: Context): boolean {
    return mayRecordReview(viewerOf(ctx), c);
  }

  @FieldResolver(() => CommissionReview, { nullable: true, description: 'Комиссионный разбор МО' })
  async review(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<CommissionReview | null> {
    return (await ctx.loaders.childrenOf(CommissionReview, 'refusalCase', { createdAt: 'asc' }).load(c.id))[0] ?? null;
  }

  @FieldResolver(() => ReviewTimeliness, { description: 'Соблюдение срока комиссионного разбора' })
  async reviewTimeliness(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<ReviewTimeliness> {
    const review = await this.review(c, ctx);
    if (!c.reviewDueOn) return { onTime: null, overdue: false };
    if (review) return { onTime: review.protocolDate <= c.reviewDueOn, overdue: false };
    return { onTime: null, overdue: today() > c.reviewDueOn };
  }
}
