import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { NormKind } from './norm-kind.entity.js';
import { createNorm, createNormKind, listNormKinds, listNorms } from './norm.service.js';
import { PerCapitaNorm } from './per-capita-norm.entity.js';

@InputType({ description: 'Новый вид подушевого норматива' })
export class NormKindInput {
  @Field({ description: 'Краткий код, например СТАЦ' })
  code!: string;

  @Field()
  name!: string;
}

@InputType({ description: 'Новый подушевой норматив' })
export class PerCapitaNormInput {
  @Field({ description: 'Код вида норматива' })
  normKindCode!: string;

  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => LocalDateScalar)
  validFrom!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  validTo?: string;

  @Field()
  basis!: string;
}

@ObjectType()
export class PerCapitaNormPayload extends PayloadOf(PerCapitaNorm) {}

@ObjectType()
export class NormKindPayload extends PayloadOf(NormKind) {}

@Resolver(() => PerCapitaNorm)
export class NormResolver {
  @Query(() => [NormKind], { description: 'Виды подушевых нормативов региона' })
  normKinds(@Ctx() ctx: Context): Promise<NormKind[]> {
    return listNormKinds(ctx.em);
  }

  @Query(() => [PerCapitaNorm], { description: 'Подушевые нормативы (RP); onDate — действующие на дату' })
  perCapitaNorms(
    @Ctx() ctx: Context,
    @Arg('normKindCode', () => String, { nullable: true }) normKindCode?: string,
    @Arg('onDate', () => LocalDateScalar, { nullable: true }) onDate?: string,
  ): Promise<PerCapitaNorm[]> {
    return listNorms(ctx.em, { normKindCode, onDate });
  }

  @Mutation(() => NormKindPayload, { description: 'Добавить вид норматива (по тарифному соглашению)' })
  createNormKind(@Ctx() ctx: Context, @Arg('input') input: NormKindInput) {
    return runMutation(ctx, (em) => createNormKind(em, input));
  }

  @Mutation(() => PerCapitaNormPayload, { description: 'Добавить норматив; периоды одного вида не пересекаются' })
  createPerCapitaNorm(@Ctx() ctx: Context, @Arg('input') input: PerCapitaNormInput) {
    return runMutation(ctx, (em) => createNorm(em, input));
  }

  @FieldResolver(() => NormKind, { description: 'Вид норматива' })
  async normKind(@Root() norm: PerCapitaNorm, @Ctx() ctx: Context): Promise<NormKind> {
    return (await ctx.loaders.byId(NormKind).load(norm.normKind.id))!;
  }
}
