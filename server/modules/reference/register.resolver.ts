import { Arg, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { RegisterVersion } from './register-version.entity.js';
import { listRegisterVersions } from './register.service.js';
import { searchDiagnoses } from './diagnoses.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { z } from 'zod';
import { isoDate, validate } from '../../shared/validation.js';
import { isValidIcd10, latinNmuCode } from '../../shared/identifiers.js';
import { missingForReferral, requiredExaminations } from './required-examinations.js';

@ObjectType({ description: 'Обследование из перечня (приказ 402н/631н) с кодом номенклатуры медицинских услуг' })
export class RequiredExaminationItem {
  @Field({ description: 'Код НМУ, например A05.23.009' })
  nmuCode!: string;

  @Field({ description: 'Название по НМУ' })
  name!: string;

  @Field({ description: 'Основное (а не дополнительное) обследование' })
  basic!: boolean;

  @Field(() => String, { nullable: true, description: 'Вид: консультация, лабораторное, инструментальное' })
  type!: string | null;
}

@ObjectType({ description: 'Проверка направления на МСЭ по перечню обследований' })
export class ReferralCheck {
  @Field(() => [RequiredExaminationItem], { description: 'Чего не хватает: сначала основные' })
  missing!: RequiredExaminationItem[];
}

@InputType({ description: 'Что известно о направлении до его отправки в бюро' })
export class CheckReferralInput {
  @Field({ description: 'Основной диагноз (МКБ-10)' })
  mainDiagnosis!: string;

  @Field(() => LocalDateScalar)
  birthDate!: string;

  @Field(() => LocalDateScalar, { description: 'Дата направления (по ней считается возраст)' })
  onDate!: string;

  @Field(() => [String], { description: 'Коды НМУ уже проведённых обследований' })
  doneNmuCodes!: string[];
}

const referralSchema = z
  .object({
    mainDiagnosis: z.string().trim().toUpperCase().refine(isValidIcd10, { message: 'Диагноз: код МКБ-10, например I63.5' }),
    birthDate: isoDate('Дата рождения'),
    onDate: isoDate('Дата направления'),
    doneNmuCodes: z.array(z.string().max(30).transform(latinNmuCode)).max(500).default([]),
  })
  .refine((r) => r.birthDate <= r.onDate, { path: ['birthDate'], message: 'Дата рождения позже даты направления' });

@ObjectType({ description: 'Код МКБ-10 действующей версии' })
export class DiagnosisCode {
  @Field()
  code!: string;

  @Field()
  name!: string;
}

@Resolver(() => RegisterVersion)
export class RegisterResolver {
  @Query(() => [RegisterVersion], { description: 'Загруженные версии справочников ФНСИ: OID, версия, дата публикации, число записей' })
  referenceDictionaries(@Ctx() ctx: Context): Promise<RegisterVersion[]> {
    return listRegisterVersions(ctx.em);
  }

  @Query(() => [DiagnosisCode], { description: 'Поиск действующих кодов МКБ-10: по началу кода (I63) или по словам названия' })
  diagnoses(
    @Ctx() ctx: Context,
    @Arg('search') search: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Не больше 50' }) first: number,
  ): Promise<DiagnosisCode[]> {
    return searchDiagnoses(ctx.em, search.slice(0, 200), first);
  }

  @Query(() => [RequiredExaminationItem], {
    description: 'Обследования, которые перечень 402н/631н требует при основном диагнозе и возрасте на дату (основные первыми)',
  })
  requiredExaminations(
    @Ctx() ctx: Context,
    @Arg('mainDiagnosis') mainDiagnosis: string,
    @Arg('birthDate', () => LocalDateScalar) birthDate: string,
    @Arg('onDate', () => LocalDateScalar) onDate: string,
  ): Promise<RequiredExaminationItem[]> {
    return requiredExaminations(ctx.em, validate(referralSchema, { mainDiagnosis, birthDate, onDate, doneNmuCodes: [] }));
  }

  @Query(() => ReferralCheck, { description: 'Проверка перед отправкой направления: каких обследований из перечня ещё нет' })
  async checkReferral(@Ctx() ctx: Context, @Arg('input') input: CheckReferralInput): Promise<ReferralCheck> {
    return { missing: await missingForReferral(ctx.em, validate(referralSchema, input)) };
  }
}
