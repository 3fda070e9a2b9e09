import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canWriteExpertise, mayRecordActDelivery, mayRecordActReceipt } from '../../access/records.js';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { DecimalScalar } from '../../graphql/scalars.js';
import { today } from '../../shared/clock.js';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { DefectCode } from '../catalogue/defect-code.entity.js';
import { APPEAL_WORKING_DAYS, DOCUMENTS_WORKING_DAYS, Deadline, FUND_DECISION_WORKING_DAYS, deadline } from './deadlines.js';
import { findExpertise, mayRecordMoPositions, transitionsFor } from './expertise.access.js';
import { EXPERTISE_LIFECYCLE, ExpertiseTransition, isCorrectable, isOpenForEdits, isSigned } from './expertise-lifecycle.js';
import { Appeal, Discussion, Expertise, Finding } from './expertise.entity.js';
import { AppealOutcome, MoPosition, EXPERTISE_KIND_LABEL, EXPERTISE_STATUS_LABEL, EXPERTISE_TYPE_LABEL, SECTION_OF_TYPE } from './expertise.enums.js';
import {
  AddFindingInput,
  OpenExpertiseInput,
  RecordActDeliveryInput,
  RecordActReceiptInput,
  RecordDiscussionInput,
  RecordMoPositionsInput,
  RegisterAppealInput,
  SettleAppealInput,
  UpdateExpertiseInput,
} from './expertise.inputs.js';
import * as expertises from './expertise.service.js';
import * as findings from './finding.service.js';
import * as appeals from './appeal.service.js';
import * as signing from './signing.service.js';
import * as acts from './act-delivery.service.js';
import { CareEpisode } from './care-episode.entity.js';
import { episodesOf, expertiseSanctions, findingsOf, finePreviewOf } from './care-episode.resolver.js';
import { sanctionTotals } from './expertise-sanctions.js';
import { ActDelivery } from './act-delivery.entity.js';
import { PositionSource } from './finding-position.entity.js';
import { currentPositions } from './finding-positions.js';

@ObjectType()
export class ExpertisePayload extends PayloadOf(Expertise) {}

@ObjectType()
export class FindingPayload extends PayloadOf(Finding) {}

@ObjectType({ description: 'Суммы санкций по экспертизе (суммы округлённых строк)' })
export class SanctionTotals {
  @Field(() => DecimalScalar, { description: 'Неоплата, всего (по случаям: одно основание на случай)' })
  amountNotPaid!: string;

  @Field(() => DecimalScalar, { description: 'Штрафы, всего (до подписания — по нормативам на сегодня)' })
  fine!: string;

  @Field({ description: 'Штрафы предварительные: заключение ещё не подписано' })
  finePreliminary!: boolean;
}

const appealOf = async (ctx: Context, expertiseId: string) =>
  (await ctx.loaders.childrenOf(Appeal, 'expertise', { filedOn: 'asc' }).load(expertiseId))[0] ?? null;
const actDeliveryOf = async (ctx: Context, expertiseId: string) =>
  (await ctx.loaders.childrenOf(ActDelivery, 'expertise', { createdAt: 'asc' }).load(expertiseId))[0] ?? null;

async function totalsOf(ctx: Context, expertise: Expertise): Promise<SanctionTotals> {
  return { ...sanctionTotals((await expertiseSanctions(ctx, expertise)).values()), finePreliminary: !isSigned(expertise.status) };
}

@Resolver(() => Expertise)
export class ExpertiseResolver {
  @Query(() => Expertise, { nullable: true })
  expertise(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Expertise | null> {
    return findExpertise(ctx.em, viewerOf(ctx), id);
  }
  @Mutation(() => ExpertisePayload, { description: 'Открыть МЭЭ или ЭКМП по случаю; случай переходит «на экспертизу»' })
  openExpertise(@Ctx() ctx: Context, @Arg('input') input: OpenExpertiseInput) {
    return runMutation(ctx, (em) => expertises.openExpertise(em, viewerOf(ctx), input));
  }
  @Mutation(() => ExpertisePayload, { description: 'Даты запроса и поступления документов' })
  updateExpertise(@Ctx() ctx: Context, @Arg('input') input: UpdateExpertiseInput) {
    return runMutation(ctx, (em) => expertises.updateExpertise(em, viewerOf(ctx), input));
  }
  @Mutation(() => FindingPayload, { description: 'Добавить замечание; суммы считает сервер' })
  addFinding(@Ctx() ctx: Context, @Arg('input') input: AddFindingInput) {
    return runMutation(ctx, (em) => findings.addFinding(em, viewerOf(ctx), input));
  }
  @Mutation(() => ExpertisePayload, { description: 'Удалить замечание из неподписанной экспертизы' })
  removeFinding(@Ctx() ctx: Context, @Arg('findingId', () => ID) findingId: string) {
    return runMutation(ctx, (em) => findings.removeFinding(em, viewerOf(ctx), findingId));
  }
  @Mutation(() => ExpertisePayload, { description: 'Записать совместный разбор замечаний с представителями МО' })
  recordDiscussion(@Ctx() ctx: Context, @Arg('input') input: RecordDiscussionInput) {
    return runMutation(ctx, (em) => signing.recordDiscussion(em, viewerOf(ctx), input));
  }
  @Mutation(() => ExpertisePayload, { description: 'Позиция МО по замечаниям: согласна или не согласна' })
  recordMoPositions(@Ctx() ctx: Context, @Arg('input') input: RecordMoPositionsInput) {
    return runMutation(ctx, (em) => signing.recordMoPositions(em, viewerOf(ctx), input));
  }
  @Mutation(() => ExpertisePayload, { description: 'Подписать заключение: только после разбора с МО, проведённого после последней правки замечаний' })
  signExpertise(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number) {
    return runMutation(ctx, (em) => signing.signExpertise(em, viewerOf(ctx), id, version, ctx.app.rules));
  }
  @Mutation(() => ExpertisePayload, { description: 'Обжалование заключения в ТФОМС (в течение 15 рабочих дней)' })
  registerAppeal(@Ctx() ctx: Context, @Arg('input') input: RegisterAppealInput) {
    return runMutation(ctx, (em) => appeals.registerAppeal(em, viewerOf(ctx), input));
  }
  @Mutation(() => ExpertisePayload, { description: 'Решение ТФОМС по обжалованию' })
  settleAppeal(@Ctx() ctx: Context, @Arg('input') input: SettleAppealInput) {
    return runMutation(ctx, (em) => appeals.settleAppeal(em, viewerOf(ctx), input));
  }

  @Mutation(() => ExpertisePayload, { description: 'Записать, когда и как акт направлен в МО' })
  recordActDelivery(@Ctx() ctx: Context, @Arg('input') input: RecordActDeliveryInput) {
    return runMutation(ctx, (em) => acts.recordActDelivery(em, viewerOf(ctx), input));
  }

  @Mutation(() => ExpertisePayload, { description: 'Записать, когда МО получила акт: с этого дня идут 15 рабочих дней на обжалование' })
  recordActReceipt(@Ctx() ctx: Context, @Arg('input') input: RecordActReceiptInput) {
    return runMutation(ctx, (em) => acts.recordActReceipt(em, viewerOf(ctx), input));
  }

  @FieldResolver(() => Int, { description: 'Раздел перечня дефектов, коды которого подходят экспертизе этого вида (МЭЭ — 2, ЭКМП — 3)' })
  defectSection(@Root() e: Expertise): number {
    return SECTION_OF_TYPE[e.type];
  }

  @FieldResolver(() => ActDelivery, { nullable: true, description: 'Направление акта в МО и его получение' })
  actDelivery(@Root() e: Expertise, @Ctx() ctx: Context): Promise<ActDelivery | null> {
    return actDeliveryOf(ctx, e.id);
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь записать направление акта в МО' })
  async mayRecordActDelivery(@Root() e: Expertise, @Ctx() ctx: Context): Promise<boolean> {
    return mayRecordActDelivery(viewerOf(ctx), e) && !(await actDeliveryOf(ctx, e.id))?.sentOn;
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь записать получение акта МО' })
  async mayRecordActReceipt(@Root() e: Expertise, @Ctx() ctx: Context): Promise<boolean> {
    const refusalCase = (await ctx.loaders.byId(RefusalCase).load(e.refusalCase.id))!;
    return mayRecordActReceipt(viewerOf(ctx), e, refusalCase) && !(await actDeliveryOf(ctx, e.id))?.receivedOn;
  }

  @FieldResolver(() => String)
  typeLabel(@Root() e: Expertise): string {
    return EXPERTISE_TYPE_LABEL[e.type];
  }

  @FieldResolver(() => String)
  kindLabel(@Root() e: Expertise): string {
    return EXPERTISE_KIND_LABEL[e.kind];
  }

  @FieldResolver(() => String)
  statusLabel(@Root() e: Expertise): string {
    return EXPERTISE_STATUS_LABEL[e.status];
  }

  @FieldResolver(() => RefusalCase)
  async refusalCase(@Root() e: Expertise, @Ctx() ctx: Context): Promise<RefusalCase> {
    return (await ctx.loaders.byId(RefusalCase).load(e.refusalCase.id))!;
  }

  @FieldResolver(() => User, { description: 'Эксперт' })
  async expert(@Root() e: Expertise, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.byId(User).load(e.expert.id))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Кто подписал' })
  signedBy(@Root() e: Expertise, @Ctx() ctx: Context): Promise<User | null> | null {
    return e.signedBy ? ctx.loaders.byId(User).load(e.signedBy.id) : null;
  }

  @FieldResolver(() => Expertise, { nullable: true, description: 'Какую экспертизу исправляет' })
  corrects(@Root() e: Expertise, @Ctx() ctx: Context): Promise<Expertise | null> | null {
    return e.corrects ? ctx.loaders.byId(Expertise).load(e.corrects.id) : null;
  }

  @FieldResolver(() => [Expertise], { description: 'Экспертизы, которые исправляют эту (в том числе оформленная по решению ТФОМС)' })
  correctedBy(@Root() e: Expertise, @Ctx() ctx: Context): Promise<Expertise[]> {
    return ctx.loaders.childrenOf(Expertise, 'corrects', { createdAt: 'asc' }).load(e.id);
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь открыть экспертизу-исправление этой' })
  mayCorrect(@Root() e: Expertise, @Ctx() ctx: Context): boolean {
    return canWriteExpertise(viewerOf(ctx), e) && isCorrectable(e.status);
  }

  @FieldResolver(() => [Finding])
  findings(@Root() e: Expertise, @Ctx() ctx: Context): Promise<Finding[]> {
    return findingsOf(ctx, e.id);
  }

  @FieldResolver(() => [CareEpisode], { description: 'Проверенные случаи оказания помощи с их замечаниями' })
  episodes(@Root() e: Expertise, @Ctx() ctx: Context): Promise<CareEpisode[]> {
    return episodesOf(ctx, e.id);
  }

  @FieldResolver(() => [Discussion], { description: 'Совместные разборы, последний первым' })
  discussions(@Root() e: Expertise, @Ctx() ctx: Context): Promise<Discussion[]> {
    return ctx.loaders.childrenOf(Discussion, 'expertise', { recordedAt: 'desc' }).load(e.id);
  }

  @FieldResolver(() => Appeal, { nullable: true })
  appeal(@Root() e: Expertise, @Ctx() ctx: Context): Promise<Appeal | null> {
    return appealOf(ctx, e.id);
  }

  @FieldResolver(() => SanctionTotals)
  totals(@Root() e: Expertise, @Ctx() ctx: Context): Promise<SanctionTotals> {
    return totalsOf(ctx, e);
  }

  @FieldResolver(() => SanctionTotals, {
    nullable: true,
    description: 'Итоговые суммы с учётом решения по обжалованию (для отчётов); null, пока заключение не подписано',
  })
  async finalTotals(@Root() e: Expertise, @Ctx() ctx: Context): Promise<SanctionTotals | null> {
    if (!isSigned(e.status)) return null;
    const appeal = await appealOf(ctx, e.id);
    if (appeal?.outcome === AppealOutcome.OVERTURNED) return { amountNotPaid: '0.00', fine: '0.00', finePreliminary: false };
    if (appeal?.outcome === AppealOutcome.PARTLY && appeal.revisedExpertise) {
      return totalsOf(ctx, (await ctx.loaders.byId(Expertise).load(appeal.revisedExpertise.id))!);
    }
    return totalsOf(ctx, e);
  }

  @FieldResolver(() => [Deadline], { description: 'Сроки в рабочих днях: документы от МО, обжалование заключения' })
  async deadlines(@Root() e: Expertise, @Ctx() ctx: Context): Promise<Deadline[]> {
    const calendar = await ctx.loaders.memo('calendar', loadWorkingCalendar);
    const now = today();
    const result: Deadline[] = [];
    if (e.documentsRequestedOn) {
      result.push(
        deadline(
          calendar,
          {
            label: 'Представление документов медицинской организацией',
            startsOn: e.documentsRequestedOn,
            workingDays: DOCUMENTS_WORKING_DAYS,
            doneOn: e.documentsReceivedOn,
          },
          now,
        ),
      );
    }
    const receivedOn = (await actDeliveryOf(ctx, e.id))?.receivedOn;
    if (receivedOn && !e.corrects) {
      const appeal = await appealOf(ctx, e.id);
      result.push(
        deadline(
          calendar,
          {
            label: 'Обжалование заключения медицинской организацией (от получения акта)',
            startsOn: receivedOn,
            workingDays: APPEAL_WORKING_DAYS,
            doneOn: appeal?.filedOn ?? null,
          },
          now,
        ),
      );
    }
    const claim = await appealOf(ctx, e.id);
    if (claim) {
      const spec = { label: 'Рассмотрение обжалования ТФОМС', startsOn: claim.filedOn, workingDays: FUND_DECISION_WORKING_DAYS, doneOn: claim.decidedOn };
      result.push(deadline(calendar, spec, now));
    }
    return result;
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь править экспертизу' })
  editable(@Root() e: Expertise, @Ctx() ctx: Context): boolean {
    return canWriteExpertise(viewerOf(ctx), e) && isOpenForEdits(e.status);
  }

  @FieldResolver(() => Boolean, { description: 'Заключение подписано (в том числе обжалуется или спор разрешён): замечания и суммы больше не меняются' })
  signed(@Root() e: Expertise): boolean {
    return isSigned(e.status);
  }

  @FieldResolver(() => [ExpertiseTransition], { description: 'Переходы, которые текущий пользователь может начать из нынешнего состояния' })
  async allowedTransitions(@Root() e: Expertise, @Ctx() ctx: Context): Promise<ExpertiseTransition[]> {
    return transitionsFor(viewerOf(ctx), e, (await ctx.loaders.byId(RefusalCase).load(e.refusalCase.id))!);
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь записать позицию МО по замечаниям' })
  async mayRecordMoPositions(@Root() e: Expertise, @Ctx() ctx: Context): Promise<boolean> {
    return mayRecordMoPositions(viewerOf(ctx), e, (await ctx.loaders.byId(RefusalCase).load(e.refusalCase.id))!);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Почему подписать сейчас нельзя; null — можно' })
  async signingBlockedBy(@Root() e: Expertise, @Ctx() ctx: Context): Promise<string | null> {
    const refusals = await EXPERTISE_LIFECYCLE.refusals(ExpertiseTransition.SIGN, e.status, { em: ctx.em, expertise: e }, { field: null });
    return refusals[0]?.message ?? null;
  }
}

@Resolver(() => Finding)
export class FindingResolver {
  @FieldResolver(() => DefectCode, { description: 'Код дефекта (из версии перечня, действовавшей на дату экспертизы)' })
  async defectCode(@Root() f: Finding, @Ctx() ctx: Context): Promise<DefectCode> {
    return (await ctx.loaders.byId(DefectCode).load(f.defectCode.id))!;
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'Штраф по нормативу, действующему сегодня (пока не подписано)' })
  finePreview(@Root() f: Finding, @Ctx() ctx: Context): Promise<string | null> {
    return finePreviewOf(ctx, f);
  }

  @FieldResolver(() => CareEpisode, { description: 'Случай оказания помощи' })
  async episode(@Root() f: Finding, @Ctx() ctx: Context): Promise<CareEpisode> {
    return (await ctx.loaders.byId(CareEpisode).load(f.episode.id))!;
  }

  @FieldResolver(() => MoPosition, { nullable: true, description: 'Позиция МО сейчас: последняя высказанная на совместном или комиссионном разборе' })
  async moPosition(@Root() f: Finding, @Ctx() ctx: Context): Promise<MoPosition | null> {
    return (await positionOf(ctx, f))?.position ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Комментарий МО к её позиции' })
  async moComment(@Root() f: Finding, @Ctx() ctx: Context): Promise<string | null> {
    return (await positionOf(ctx, f))?.comment ?? null;
  }

  @FieldResolver(() => PositionSource, { nullable: true, description: 'Где МО высказала эту позицию' })
  async moPositionSource(@Root() f: Finding, @Ctx() ctx: Context): Promise<PositionSource | null> {
    return (await positionOf(ctx, f))?.source ?? null;
  }
}

const positionOf = (ctx: Context, f: Finding) => ctx.loaders.batched('findingPositions', currentPositions, null).load(f.id);

@Resolver(() => RefusalCase)
export class CaseExpertisesResolver {
  @FieldResolver(() => [Expertise], { description: 'Экспертизы по случаю' })
  expertises(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<Expertise[]> {
    return ctx.loaders.childrenOf(Expertise, 'refusalCase', { createdAt: 'asc' }).load(c.id);
  }
}
