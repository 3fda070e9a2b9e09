import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { mayDecideReports } from '../../access/records.js';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runExpected, runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { SUBMISSION_LIFECYCLE } from './submission-lifecycle.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { QuarterlyReport } from './report.types.js';
import { ReportFigures, reportFrame } from './report.service.js';
import { liveReport } from './report-figures.resolver.js';
import { ReportSubmission } from './submission.entity.js';
import * as submissions from './submission.service.js';

@ObjectType()
export class ReportSubmissionPayload extends PayloadOf(ReportSubmission) {}

@ObjectType({ description: 'Отчёт СМО за квартал: сдан ли и вовремя ли' })
export class SmoReportStatusType {
  @Field(() => Organisation)
  smo!: Organisation;

  @Field(() => LocalDateScalar, { nullable: true })
  dueOn!: string | null;

  @Field(() => ReportSubmission, { nullable: true, description: 'Последняя сданная версия' })
  latest!: ReportSubmission | null;

  @Field({ description: 'Просрочен: не сдан после срока или первая версия сдана позже срока' })
  late!: boolean;
}

@Resolver(() => ReportSubmission)
export class ReportResolver {
  @Query(() => QuarterlyReport, {
    description: 'Квартальный отчёт, рассчитанный сейчас: для СМО — свой; для ТФОМС — по СМО или по всем (smoId пусто); для МО — свои показатели',
  })
  async quarterlyReport(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Arg('smoId', () => ID, { nullable: true }) smoId?: string,
  ): Promise<QuarterlyReport> {
    return liveReport(new ReportFigures(ctx.em, await reportFrame(ctx.em, viewerOf(ctx), year, quarter, smoId), year, quarter));
  }

  @Query(() => [ReportSubmission], { description: 'Сданные отчёты и их версии' })
  quarterlyReportSubmissions(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('quarter', () => Int, { nullable: true }) quarter?: number,
    @Arg('smoId', () => ID, { nullable: true }) smoId?: string,
  ): Promise<ReportSubmission[]> {
    return submissions.listSubmissions(ctx.em, viewerOf(ctx), { year, quarter, smoId });
  }

  @Query(() => [SmoReportStatusType], { description: 'Отчёты всех СМО за квартал с отметкой о просрочке' })
  quarterlyReportStatuses(@Ctx() ctx: Context, @Arg('year', () => Int) year: number, @Arg('quarter', () => Int) quarter: number) {
    return submissions.reportStatuses(ctx.em, viewerOf(ctx), ctx.app.rules, year, quarter);
  }
  @Mutation(() => ReportSubmissionPayload, { description: 'Сдать отчёт за квартал: показатели и файлы фиксируются и больше не пересчитываются' })
  submitQuarterlyReport(@Ctx() ctx: Context, @Arg('year', () => Int) year: number, @Arg('quarter', () => Int) quarter: number) {
    return runExpected(() => submissions.submitQuarterlyReport(ctx.em.fork(), viewerOf(ctx), ctx.app.rules, year, quarter));
  }
  @Mutation(() => ReportSubmissionPayload, { description: 'Принять сданный отчёт' })
  acceptQuarterlyReport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return runMutation(ctx, (em) => submissions.decideSubmission(em, viewerOf(ctx), { id, accept: true }));
  }
  @Mutation(() => ReportSubmissionPayload, { description: 'Вернуть отчёт на доработку с замечаниями' })
  returnQuarterlyReport(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('comment') comment: string) {
    return runMutation(ctx, (em) => submissions.decideSubmission(em, viewerOf(ctx), { id, accept: false, comment }));
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь принять или вернуть эту версию (решение — по последней)' })
  mayDecide(@Root() submission: ReportSubmission, @Ctx() ctx: Context): boolean {
    return mayDecideReports(viewerOf(ctx)) && SUBMISSION_LIFECYCLE.transitionsFrom(submission.status).length > 0;
  }

  @FieldResolver(() => QuarterlyReport, { description: 'Показатели на момент сдачи' })
  figures(@Root() submission: ReportSubmission): QuarterlyReport {
    return submission.figures;
  }

  @FieldResolver(() => Organisation)
  async smo(@Root() submission: ReportSubmission, @Ctx() ctx: Context): Promise<Organisation> {
    return (await ctx.loaders.byId(Organisation).load(submission.smo.id))!;
  }

  @FieldResolver(() => User)
  async submittedBy(@Root() submission: ReportSubmission, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.byId(User).load(submission.submittedBy.id))!;
  }

  @FieldResolver(() => User, { nullable: true })
  reviewedBy(@Root() submission: ReportSubmission, @Ctx() ctx: Context): Promise<User | null> | null {
    return submission.reviewedBy ? ctx.loaders.byId(User).load(submission.reviewedBy.id) : null;
  }
}
