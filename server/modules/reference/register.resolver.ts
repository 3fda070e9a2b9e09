import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { RegisterVersion } from './register-version.entity.js';
import { listRegisterVersions } from './register.service.js';

@Resolver(() => RegisterVersion)
export class RegisterResolver {
  @Query(() => [RegisterVersion], { description: 'Загруженные версии справочников ФНСИ: OID, версия, дата публикации, число записей' })
  referenceDictionaries(@Ctx() ctx: Context): Promise<RegisterVersion[]> {
    return listRegisterVersions(ctx.em);
  }
}
