import { wrap } from '@mikro-orm/core';
import { seesAccountOf } from '../../access/records.js';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { isUuid } from '../../shared/validation.js';

import { User } from '../auth/user.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { CreateUserInput, UpdateMySettingsInput, UpdateUserInput } from './user.inputs.js';
import * as users from './user.service.js';

@ObjectType()
export class UserPayload extends PayloadOf(User) {}

@Resolver(() => User)
export class UserResolver {
  @Query(() => [User], { description: 'Пользователи: своей организации, а для ТФОМС и администратора — все' })
  users(@Ctx() ctx: Context, @Arg('organisationId', () => ID, { nullable: true }) organisationId?: string): Promise<User[]> {
    if (organisationId && !isUuid(organisationId)) return Promise.resolve([]);
    return users.listUsers(ctx.em, viewerOf(ctx), organisationId);
  }

  @Query(() => User, { nullable: true })
  async user(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<User | null> {
    return isUuid(id) ? users.findUser(ctx.em, viewerOf(ctx), id) : null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Последний вход: видят сам пользователь и администратор' })
  lastLoginAt(@Root() user: User, @Ctx() ctx: Context): Date | null {
    return seesAccountOf(viewerOf(ctx), user.id) ? user.lastLoginAt : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Адрес для писем: видят сам пользователь и администратор' })
  email(@Root() user: User, @Ctx() ctx: Context): string | null {
    // The sign-in's own answer has no viewer yet: the address is read afterwards, with `me`.
    return ctx.viewer && seesAccountOf(ctx.viewer, user.id) ? user.email : null;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() user: User, @Ctx() ctx: Context): Promise<Organisation | null> | Organisation | null {
    if (!user.organisation) return null;
    if (wrap(user.organisation).isInitialized()) return user.organisation;
    return ctx.loaders.byId(Organisation).load(user.organisation.id);
  }
  @Mutation(() => UserPayload)
  createUser(@Ctx() ctx: Context, @Arg('input') input: CreateUserInput) {
    return runMutation(ctx, (em) => users.createUser(em, input));
  }
  @Mutation(() => UserPayload)
  updateUser(@Ctx() ctx: Context, @Arg('input') input: UpdateUserInput) {
    return runMutation(ctx, (em) => users.updateUser(em, viewerOf(ctx), input));
  }
  @Mutation(() => UserPayload, { description: 'Свои настройки: адрес для уведомлений и ежедневной сводки' })
  updateMySettings(@Ctx() ctx: Context, @Arg('input') input: UpdateMySettingsInput) {
    return runMutation(ctx, (em) => users.updateMySettings(em, viewerOf(ctx), input));
  }
  @Mutation(() => UserPayload, { description: 'Новый пароль пользователя; его прежние токены перестают действовать' })
  resetUserPassword(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Arg('password') password: string) {
    return runMutation(ctx, (em) => users.resetUserPassword(em, id, version, password));
  }
}
