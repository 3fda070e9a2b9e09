import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canEditCase } from '../../access/records.js';
import { ConnectionOf } from '../../graphql/connection.js';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { isUuid } from '../../shared/validation.js';
import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { InsuredPerson } from '../persons/insured-person.entity.js';
import { CaseHistoryEntry } from './case-history.entity.js';
import { CaseTransition, transitionsFrom } from './case-lifecycle.js';
import { whatPreventsClosingMany } from './case-closing.js';
import { CASE_STATE_LABEL } from './case-state.js';
import { MissingExamination, RefusalCase } from './refusal-case.entity.js';
import { CaseExaminationsByOrder, examinationsByOrder, missingWithOrder } from './case-examinations.js';
import { RefusalCaseFilter, RefusalCaseOrder } from './refusal-case.filter.js';
import { RegisterRefusalCaseInput, UpdateRefusalCaseInput } from './refusal-case.inputs.js';
import { findCasePage } from './refusal-case.query.js';
import { FileDownload, caseRegister } from './case-register.js';
import * as cases from './refusal-case.service.js';
import { registerCase } from './case-registration.service.js';
import { diagnosisLoader } from '../reference/diagnosis.loader.js';

@ObjectType()
export class RefusalCasePayload extends PayloadOf(RefusalCase) {}

@ObjectType({ description: 'Страница случаев отказа' })
export class RefusalCaseConnection extends ConnectionOf(RefusalCase, 'RefusalCaseEdge') {}

@Resolver(() => RefusalCase)
export class RefusalCaseResolver {
  @Query(() => RefusalCaseConnection, { description: 'Случаи отказа в пределах видимости пользователя, постранично' })
  refusalCases(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { description: 'Размер страницы, не больше 100' }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => RefusalCaseFilter, { nullable: true }) filter?: RefusalCaseFilter,
    @Arg('orderBy', () => RefusalCaseOrder, { nullable: true }) orderBy?: RefusalCaseOrder,
  ) {
    return findCasePage(ctx.em, viewerOf(ctx), { first, after, filter, orderBy }, ctx.app);
  }

  // Priced at half a request's budget: one register per request (each may write 20,000 rows).
  @Query(() => FileDownload, { description: 'Реестр случаев по фильтру списка — книга XLSX для печати (не больше 20 000 строк)', complexity: 10_000 })
  refusalCasesRegister(
    @Ctx() ctx: Context,
    @Arg('filter', () => RefusalCaseFilter, { nullable: true }) filter?: RefusalCaseFilter,
    @Arg('orderBy', () => RefusalCaseOrder, { nullable: true }) orderBy?: RefusalCaseOrder,
  ): Promise<FileDownload> {
    return caseRegister(ctx.em, viewerOf(ctx), filter, orderBy);
  }

  @Query(() => RefusalCase, { nullable: true })
  refusalCase(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RefusalCase | null> {
    return isUuid(id) ? cases.findCase(ctx.em, viewerOf(ctx), id) : Promise.resolve(null);
  }
  @Mutation(() => RefusalCasePayload, { description: 'Регистрация случая отказа экспертом СМО' })
  registerRefusalCase(@Ctx() ctx: Context, @Arg('input') input: RegisterRefusalCaseInput) {
    return runMutation(ctx, (em) => registerCase(em, viewerOf(ctx), input, { rules: ctx.app.rules, writes: ctx.app.registrations }), {
      retryOnConflict: true,
      singleStatement: true,
    });
  }
  @Mutation(() => RefusalCasePayload, { description: 'Правка случая с проверкой версии' })
  updateRefusalCase(@Ctx() ctx: Context, @Arg('input') input: UpdateRefusalCaseInput) {
    return runMutation(ctx, (em) => cases.updateCase(em, viewerOf(ctx), input));
  }
  @Mutation(() => RefusalCasePayload, { description: 'Перевод случая в другое состояние' })
  transitionRefusalCase(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('transition', () => CaseTransition) transition: CaseTransition,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return runMutation(ctx, (em) => cases.transitionCase(em, viewerOf(ctx), { id, version, transition, reason }));
  }
  @Mutation(() => RefusalCasePayload, {
    description: 'Закрыть случай: нужен разбор МО, завершённые экспертизы и выполненные или отменённые мероприятия',
  })
  closeRefusalCase(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return runMutation(ctx, (em) => cases.transitionCase(em, viewerOf(ctx), { id, version, transition: CaseTransition.CLOSE }));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Название основного диагноза по МКБ-10, действующей сейчас' })
  async mainDiagnosisName(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<string | null> {
    return (await (await diagnosisLoader(ctx)).load(c.mainDiagnosis))?.name ?? null;
  }

  @FieldResolver(() => [MissingExamination], { description: 'Недостающие обследования' })
  missingExaminations(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<MissingExamination[]> {
    return missingWithOrder(ctx, c);
  }

  @FieldResolver(() => CaseExaminationsByOrder, {
    nullable: true,
    description: 'Перечень 402н/631н для основного диагноза и возраста на дату направления; null — перечень не загружен',
  })
  examinationsByOrder(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<CaseExaminationsByOrder | null> {
    return examinationsByOrder(ctx, c);
  }

  @FieldResolver(() => InsuredPerson)
  async person(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<InsuredPerson> {
    return (await ctx.loaders.byId(InsuredPerson).load(c.person.id))!;
  }

  @FieldResolver(() => Organisation, { description: 'Страховая медицинская организация' })
  async smo(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<Organisation> {
    return (await ctx.loaders.byId(Organisation).load(c.smo.id))!;
  }

  @FieldResolver(() => Organisation, { description: 'Направившая медицинская организация' })
  async mo(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<Organisation> {
    return (await ctx.loaders.byId(Organisation).load(c.mo.id))!;
  }

  @FieldResolver(() => Organisation, { description: 'Бюро МСЭ' })
  async bureau(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<Organisation> {
    return (await ctx.loaders.byId(Organisation).load(c.bureau.id))!;
  }

  @FieldResolver(() => User, { description: 'Кто зарегистрировал' })
  async registeredBy(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.byId(User).load(c.registeredBy.id))!;
  }

  @FieldResolver(() => String, { description: 'Состояние словами' })
  stateLabel(@Root() c: RefusalCase): string {
    return CASE_STATE_LABEL[c.state];
  }

  @FieldResolver(() => [CaseTransition], { description: 'Переходы, доступные текущему пользователю' })
  allowedTransitions(@Root() c: RefusalCase, @Ctx() ctx: Context): CaseTransition[] {
    return canEditCase(viewerOf(ctx), c) ? transitionsFrom(c.state) : [];
  }

  @FieldResolver(() => [String], {
    description: 'Что мешает текущему пользователю закрыть случай сейчас; пусто, когда закрыть можно или закрытие ему не доступно',
  })
  async closingBlockers(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<string[]> {
    if (!canEditCase(viewerOf(ctx), c) || !transitionsFrom(c.state).includes(CaseTransition.CLOSE)) return [];
    return ctx.loaders.batched('closingBlockers', whatPreventsClosingMany, []).load(c.id);
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь изменять случай' })
  editable(@Root() c: RefusalCase, @Ctx() ctx: Context): boolean {
    return canEditCase(viewerOf(ctx), c);
  }

  @FieldResolver(() => [CaseHistoryEntry], { description: 'История случая, новые события первыми' })
  history(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<CaseHistoryEntry[]> {
    return ctx.loaders.childrenOf(CaseHistoryEntry, 'refusalCase', { occurredAt: 'desc' }).load(c.id);
  }
}

@Resolver(() => CaseHistoryEntry)
export class CaseHistoryResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Кто' })
  async actor(@Root() entry: CaseHistoryEntry, @Ctx() ctx: Context): Promise<User | null> {
    return entry.actor ? ctx.loaders.byId(User).load(entry.actor.id) : null;
  }
}
