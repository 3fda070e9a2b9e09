import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { mapExaminationTexts, uncodedExaminationTexts } from './examination-mapping.js';
import { searchMedicalServices } from './medical-services.js';

@ObjectType({ description: 'Услуга номенклатуры медицинских услуг (НМУ) действующей версии' })
export class MedicalServiceItem {
  @Field({ description: 'Код НМУ' })
  code!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'Текст недостающего обследования без кода НМУ, как его записали в случаях' })
export class UncodedExaminationText {
  @Field({ description: 'Текст (одно из написаний)' })
  text!: string;

  @Field({ description: 'Текст без учёта регистра и лишних пробелов' })
  textKey!: string;

  @Field(() => Int, { description: 'Сколько раз записан' })
  occurrences!: number;

  @Field(() => Int, { description: 'В скольких случаях' })
  cases!: number;

  @Field(() => String, { nullable: true, description: 'Код НМУ, уже сопоставленный тексту (применяется к новым загрузкам)' })
  mappedTo!: string | null;
}

@InputType()
export class ExaminationTextMappingInput {
  @Field({ description: 'Текст, как его записали' })
  text!: string;

  @Field({ description: 'Код НМУ' })
  nmuCode!: string;
}

@InputType({ description: 'Сопоставления текстов недостающих обследований с услугами НМУ' })
export class MapExaminationTextsInput {
  @Field(() => [ExaminationTextMappingInput])
  mappings!: ExaminationTextMappingInput[];
}

@ObjectType()
export class MappedExaminations {
  @Field(() => Int, { description: 'Сколько случаев изменено' })
  casesUpdated!: number;
}

@ObjectType()
export class MapExaminationTextsPayload extends PayloadOf(MappedExaminations) {}

@Resolver()
export class ExaminationMappingResolver {
  @Query(() => [MedicalServiceItem], { description: 'Поиск действующих услуг НМУ: по началу кода (A05.10) или по словам названия' })
  medicalServices(
    @Ctx() ctx: Context,
    @Arg('search') search: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Не больше 50' }) first: number,
  ): Promise<MedicalServiceItem[]> {
    return searchMedicalServices(ctx.em, search.slice(0, 200), first);
  }

  @Query(() => [UncodedExaminationText], { description: 'Тексты недостающих обследований без кода НМУ во всех случаях, частые первыми' })
  uncodedExaminationTexts(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Не больше 500' }) first: number,
  ): Promise<UncodedExaminationText[]> {
    return uncodedExaminationTexts(ctx.em, first);
  }

  @Mutation(() => MapExaminationTextsPayload, {
    description: 'Сопоставить тексты с услугами НМУ: записи всех случаев с этим текстом получают код, новые загрузки — тоже',
  })
  mapExaminationTexts(@Ctx() ctx: Context, @Arg('input') input: MapExaminationTextsInput) {
    return runMutation(ctx, async (em) => ({ casesUpdated: await mapExaminationTexts(em, viewerOf(ctx), input) }));
  }
}
