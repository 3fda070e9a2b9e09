import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { DecimalScalar, LocalDateScalar } from '../../graphql/scalars.js';
import { CareKind } from './care-kind.js';
import { createNorm, listNorms } from './norm.service.js';
import { PerCapitaNorm } from './per-capita-norm.entity.js';

@InputType({ description: 'Новый подушевой норматив' })
export class PerCapitaNormInput {
  @Field(() => CareKind)
  careKind!: CareKind;

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

@Resolver(() => PerCapitaNorm)
export class NormResolver {
  @Query(() => [PerCapitaNorm], { description: 'Подушевые нормативы (RP); onDate — действующие на дату' })
  perCapitaNorms(
    @Ctx() ctx: Context,
    @Arg('careKind', () => CareKind, { nullable: true }) careKind?: CareKind,
    @Arg('onDate', () => LocalDateScalar, { nullable: true }) onDate?: string,
  ): Promise<PerCapitaNorm[]> {
    return listNorms(ctx.em, { careKind, onDate });
  }
  @Mutation(() => PerCapitaNormPayload, { description: 'Добавить норматив; периоды одного вида помощи не пересекаются' })
  createPerCapitaNorm(@Ctx() ctx: Context, @Arg('input') input: PerCapitaNormInput) {
    return runMutation(ctx, (em) => createNorm(em, input));
  }
}
