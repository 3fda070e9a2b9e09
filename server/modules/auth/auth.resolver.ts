import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { unauthenticated } from '../../shared/errors.js';
import type { Context } from '../../graphql/context.js';
import { runExpected } from '../../graphql/mutation.js';
import { UserError } from '../../graphql/payload.js';
import type { UserErrorData } from '../../shared/errors.js';
import { reserveSignInAttempt, signInSucceeded } from './sign-in-throttle.js';
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
  async login(@Ctx() ctx: Context, @Arg('login') login: string, @Arg('password') password: string): Promise<LoginPayload> {
    let attempt: string[] = [];
    const { result, errors } = await runExpected(async () => {
      attempt = await reserveSignInAttempt(ctx.em.fork(), login, ctx.address);
      return ctx.em.fork().transactional((em) => auth.login(em as never, ctx.app.tokens, login, password));
    });
    if (result) await signInSucceeded(ctx.em.fork(), login, ctx.address, attempt);
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
