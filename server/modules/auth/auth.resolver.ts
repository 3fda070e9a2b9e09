import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { UserError } from '../../graphql/payload.js';
import { UserErrorCode, type UserErrorData } from '../../shared/errors.js';
import { unauthenticated } from './access.js';
import * as auth from './auth.service.js';
import { User } from './user.entity.js';

@ObjectType({ description: 'Результат входа: токен для заголовка Authorization: Bearer' })
export class LoginPayload {
  @Field(() => String, { nullable: true })
  token!: string | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => [UserError])
  errors!: UserErrorData[];
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginPayload, { description: 'Вход по логину и паролю' })
  async login(
    @Ctx() ctx: Context,
    @Arg('login') login: string,
    @Arg('password') password: string,
  ): Promise<LoginPayload> {
    const { result, errors } = await runMutation(ctx, async (em) => {
      await auth.assertNotThrottled(em, login, ctx.address);
      return auth.login(em, ctx.app.tokens, login, password);
    });
    // Outside the refused transaction: a failure must be remembered, a success clears the count.
    if (errors.some((e) => e.code === UserErrorCode.INVALID_CREDENTIALS)) await auth.recordLoginFailure(ctx.em.fork(), login, ctx.address);
    if (result) await auth.forgetLoginFailures(ctx.em.fork(), login);
    return { token: result?.token ?? null, expiresAt: result?.expiresAt ?? null, user: result?.user ?? null, errors };
  }

  @Mutation(() => Boolean, { description: 'Выход: текущий токен перестаёт действовать' })
  async logout(@Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.token) throw unauthenticated();
    const claims = ctx.token;
    await ctx.em.transactional((em) => auth.logout(em as never, claims));
    return true;
  }

  @Query(() => User, { description: 'Текущий пользователь' })
  async me(@Ctx() ctx: Context): Promise<User> {
    if (!ctx.viewer) throw unauthenticated();
    return ctx.em.findOneOrFail(User, { id: ctx.viewer.userId });
  }
}
