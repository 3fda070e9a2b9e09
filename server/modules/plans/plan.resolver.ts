import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { mayConfirm, mayKeepPlanOf, seesAnswerOfMo } from '../../access/records.js';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { RootCause } from '../reviews/review.entity.js';
import { ImprovementPlan, PlanItem, PlanItemConfirmation } from './plan.entity.js';
import { PlanItemHistoryEntry } from './plan-item-history.entity.js';

import { AddPlanItemInput, UpdatePlanItemInput } from './plan.inputs.js';
import * as plans from './plan.service.js';

@ObjectType()
export class ImprovementPlanPayload extends PayloadOf(ImprovementPlan) {}

@ObjectType()
export class PlanItemPayload extends PayloadOf(PlanItem) {}

@Resolver(() => ImprovementPlan)
export class PlanResolver {
  @Query(() => ImprovementPlan, { nullable: true, description: 'План мероприятий СМО на квартал (для СМО — свой)' })
  improvementPlan(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Arg('smoId', () => ID, { nullable: true }) smoId?: string,
  ): Promise<ImprovementPlan | null> {
    return plans.readablePlan(ctx.em, viewerOf(ctx), year, quarter, smoId);
  }
  @Mutation(() => ImprovementPlanPayload, { description: 'Открыть план квартала; невыполненные пункты прошлого квартала переносятся' })
  openImprovementPlan(@Ctx() ctx: Context, @Arg('year', () => Int) year: number, @Arg('quarter', () => Int) quarter: number) {
    return runMutation(ctx, (em) => plans.openImprovementPlan(em, viewerOf(ctx), year, quarter));
  }
  @Mutation(() => PlanItemPayload)
  addPlanItem(@Ctx() ctx: Context, @Arg('input') input: AddPlanItemInput) {
    return runMutation(ctx, (em) => plans.addPlanItem(em, viewerOf(ctx), input));
  }
  @Mutation(() => PlanItemPayload)
  updatePlanItem(@Ctx() ctx: Context, @Arg('input') input: UpdatePlanItemInput) {
    return runMutation(ctx, (em) => plans.updatePlanItem(em, viewerOf(ctx), input));
  }
  @Mutation(() => PlanItemPayload, { description: 'Согласование пункта плана медицинской организацией' })
  confirmPlanItem(
    @Ctx() ctx: Context,
    @Arg('itemId', () => ID) itemId: string,
    @Arg('agreed') agreed: boolean,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ) {
    return runMutation(ctx, (em) => plans.confirmPlanItem(em, viewerOf(ctx), { itemId, agreed, comment }));
  }

  @FieldResolver(() => Organisation)
  async smo(@Root() plan: ImprovementPlan, @Ctx() ctx: Context): Promise<Organisation> {
    return (await ctx.loaders.byId(Organisation).load(plan.smo.id))!;
  }

  @FieldResolver(() => [PlanItem], { description: 'Пункты (для МО — адресованные ей)' })
  items(@Root() plan: ImprovementPlan, @Ctx() ctx: Context): Promise<PlanItem[]> {
    return plans.visibleItems(ctx.em, viewerOf(ctx), plan.id);
  }
}

@Resolver(() => PlanItem)
export class PlanItemResolver {
  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь изменить пункт (эксперт СМО, ведущей план)' })
  async editable(@Root() item: PlanItem, @Ctx() ctx: Context): Promise<boolean> {
    return mayKeepPlanOf(viewerOf(ctx), (await ctx.loaders.byId(ImprovementPlan).load(item.plan.id))!.smo.id);
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь согласовать пункт от своей МО' })
  mayConfirm(@Root() item: PlanItem, @Ctx() ctx: Context): boolean {
    return mayConfirm(viewerOf(ctx), item);
  }

  @FieldResolver(() => [Organisation], { description: 'МО-адресаты (пусто — все)' })
  async targets(@Root() item: PlanItem, @Ctx() ctx: Context): Promise<Organisation[]> {
    return (await ctx.loaders.byId(Organisation).loadMany(item.targetMoIds)).filter((o): o is Organisation => o instanceof Organisation);
  }

  @FieldResolver(() => [RootCause])
  async rootCauses(@Root() item: PlanItem, @Ctx() ctx: Context): Promise<RootCause[]> {
    return (await ctx.loaders.byId(RootCause).loadMany(item.rootCauseIds)).filter((c): c is RootCause => c instanceof RootCause);
  }

  @FieldResolver(() => [PlanItemHistoryEntry], { description: 'История пункта, новые события первыми' })
  async history(@Root() item: PlanItem, @Ctx() ctx: Context): Promise<PlanItemHistoryEntry[]> {
    const all = await ctx.loaders.childrenOf(PlanItemHistoryEntry, 'item', { occurredAt: 'desc' }).load(item.id);
    return all.filter((entry) => !entry.aboutMo || seesAnswerOfMo(viewerOf(ctx), entry.aboutMo.id));
  }

  @FieldResolver(() => [PlanItemConfirmation], { description: 'Кто из МО согласовал пункт или написал замечания' })
  async confirmations(@Root() item: PlanItem, @Ctx() ctx: Context): Promise<PlanItemConfirmation[]> {
    const all = await ctx.loaders.childrenOf(PlanItemConfirmation, 'item', { confirmedAt: 'asc' }).load(item.id);
    return all.filter((c) => seesAnswerOfMo(viewerOf(ctx), c.mo.id));
  }
}

@Resolver(() => PlanItemConfirmation)
export class PlanConfirmationResolver {
  @FieldResolver(() => Organisation)
  async mo(@Root() c: PlanItemConfirmation, @Ctx() ctx: Context): Promise<Organisation> {
    return (await ctx.loaders.byId(Organisation).load(c.mo.id))!;
  }

  @FieldResolver(() => User)
  async confirmedBy(@Root() c: PlanItemConfirmation, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.byId(User).load(c.confirmedBy.id))!;
  }
}

@Resolver(() => PlanItemHistoryEntry)
export class PlanItemHistoryResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Кто' })
  async actor(@Root() entry: PlanItemHistoryEntry, @Ctx() ctx: Context): Promise<User | null> {
    return entry.actor ? ctx.loaders.byId(User).load(entry.actor.id) : null;
  }
}
