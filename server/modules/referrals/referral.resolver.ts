import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { BureauAnswerKind, ExaminationKind, ExaminationOutcome, Referral, ReferralPurpose } from './referral.entity.js';
import { acceptedReferralOn, daysLost, resubmittedPromptly } from './referral.rules.js';
import { mayRecordReferral, recordReferral } from './referral.service.js';

@InputType()
export class BureauAnswerInput {
  @Field(() => BureauAnswerKind)
  kind!: BureauAnswerKind;

  @Field(() => LocalDateScalar)
  answeredOn!: string;

  @Field()
  reason!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  resubmittedOn?: string | null;
}

@InputType({ description: 'Сведения о направлении на МСЭ целиком' })
export class RecordReferralInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => Int, { nullable: true, description: 'Версия, которую видел пользователь; null — сведений ещё нет' })
  version?: number | null;

  @Field()
  vkProtocolNumber!: string;

  @Field(() => LocalDateScalar)
  vkProtocolDate!: string;

  @Field(() => ReferralPurpose)
  purpose!: ReferralPurpose;

  @Field(() => ExaminationKind)
  examinationKind!: ExaminationKind;

  @Field(() => LocalDateScalar)
  sentOn!: string;

  @Field(() => [BureauAnswerInput], { defaultValue: [] })
  answers!: BureauAnswerInput[];

  @Field(() => LocalDateScalar, { nullable: true })
  examinedOn?: string | null;

  @Field(() => ExaminationOutcome, { nullable: true })
  outcome?: ExaminationOutcome | null;
}

@ObjectType()
export class ReferralPayload extends PayloadOf(Referral) {}

@Resolver(() => Referral)
export class ReferralResolver {
  @Mutation(() => ReferralPayload, { description: 'Записать сведения о направлении на МСЭ: протокол ВК, ответы бюро, итог' })
  recordReferral(@Ctx() ctx: Context, @Arg('input') input: RecordReferralInput) {
    return runMutation(ctx, (em) => recordReferral(em, viewerOf(ctx), input));
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'Дата направления, которое бюро приняло; null — освидетельствования ещё не было' })
  acceptedReferralOn(@Root() r: Referral): string | null {
    return acceptedReferralOn(r);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Потеряно дней: от первого направления до принятого бюро, календарных' })
  async daysLost(@Root() r: Referral, @Ctx() ctx: Context): Promise<number | null> {
    return daysLost(r, await ctx.loaders.memo('calendar', loadWorkingCalendar)).calendarDays;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'То же в рабочих днях производственного календаря; null — календаря на год нет' })
  async workingDaysLost(@Root() r: Referral, @Ctx() ctx: Context): Promise<number | null> {
    return daysLost(r, await ctx.loaders.memo('calendar', loadWorkingCalendar)).workingDays;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Направлено снова не позже 30 дней после первого ответа бюро; null — ответов нет' })
  resubmittedWithin30Days(@Root() r: Referral): boolean | null {
    return resubmittedPromptly(r.answers);
  }
}

@Resolver(() => RefusalCase)
export class CaseReferralResolver {
  @FieldResolver(() => Referral, { nullable: true, description: 'Направление на МСЭ (форма 088/у); null — сведения не записаны' })
  async referral(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<Referral | null> {
    return (await ctx.loaders.childrenOf(Referral, 'refusalCase', { id: 'asc' }).load(c.id))[0] ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'Может ли текущий пользователь записывать сведения о направлении' })
  mayRecordReferral(@Root() c: RefusalCase, @Ctx() ctx: Context): boolean {
    return mayRecordReferral(viewerOf(ctx), c);
  }
}
