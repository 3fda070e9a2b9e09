import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { UserErrorCode, domainError } from '../../shared/errors.js';
import { isUuid } from '../../shared/validation.js';
import { CatalogueVersion } from './catalogue-version.entity.js';
import { CatalogueFormatError } from './catalogue.parser.js';
import { ImportCatalogueInput } from './catalogue.inputs.js';
import * as catalogue from './catalogue.service.js';
import { DefectCode, SECTION_NAME } from './defect-code.entity.js';

@ObjectType()
export class CatalogueVersionPayload extends PayloadOf(CatalogueVersion) {}

@Resolver(() => DefectCode)
export class CatalogueResolver {
  @Query(() => [DefectCode], {
    description: 'Коды нарушений версии перечня (по умолчанию действующей сегодня): поиск по коду и словам текста',
  })
  defectCodes(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('section', () => Int, { nullable: true }) section?: number,
    @Arg('catalogueVersionId', () => ID, { nullable: true }) catalogueVersionId?: string,
    @Arg('assignableOnly', () => Boolean, { nullable: true }) assignableOnly?: boolean,
  ): Promise<DefectCode[]> {
    if (catalogueVersionId && !isUuid(catalogueVersionId)) return Promise.resolve([]);
    return catalogue.searchDefectCodes(ctx.em, { search, section, catalogueVersionId, assignableOnly });
  }

  @Query(() => [CatalogueVersion], { description: 'Версии перечня, новые первыми' })
  catalogueVersions(@Ctx() ctx: Context): Promise<CatalogueVersion[]> {
    return catalogue.listCatalogueVersions(ctx.em);
  }

  @FieldResolver(() => String, { description: 'Название раздела' })
  sectionName(@Root() code: DefectCode): string {
    return SECTION_NAME[code.section] ?? `Раздел ${code.section}`;
  }

  @FieldResolver(() => CatalogueVersion)
  async catalogueVersion(@Root() code: DefectCode, @Ctx() ctx: Context): Promise<CatalogueVersion> {
    return (await ctx.loaders.byId(CatalogueVersion).load(code.catalogueVersion.id))!;
  }
  @Mutation(() => CatalogueVersionPayload, { description: 'Импорт версии перечня; повторный импорт той же версии ничего не меняет' })
  importCatalogue(@Ctx() ctx: Context, @Arg('input') input: ImportCatalogueInput) {
    return runMutation(ctx, async (em) => {
      try {
        return (await catalogue.importCatalogue(em, input)).version;
      } catch (error) {
        if (error instanceof CatalogueFormatError) {
          throw domainError('content', UserErrorCode.INVALID, `Файл перечня не принят: ${error.message}`);
        }
        if (error instanceof catalogue.CatalogueConflictError) {
          throw domainError('name', UserErrorCode.ALREADY_EXISTS, error.message);
        }
        throw error;
      }
    });
  }
}
