import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { DecimalScalar } from '../../graphql/scalars.js';
import { today } from '../../shared/clock.js';
import { DefectCode } from '../catalogue/defect-code.entity.js';
import { NormKind } from '../norms/norm-kind.entity.js';
import { listNorms } from '../norms/norm.service.js';
import { CareEpisode } from './care-episode.entity.js';
import type { EpisodeSanction } from './episode-sanctions.js';
import { previewFine, ruleOf, sanctionsByEpisode, type PricedFinding } from './expertise-sanctions.js';
import { isSigned } from './expertise-lifecycle.js';
import { Expertise, Finding } from './expertise.entity.js';

@ObjectType({ description: 'Санкция по случаю оказания помощи: одно основание по правилу, зафиксированному при подписании' })
export class EpisodeSanctionView {
  @Field(() => DecimalScalar, { description: 'Неоплата по случаю (не больше RT)' })
  amountNotPaid!: string;

  @Field(() => DecimalScalar, { description: 'Штраф по случаю (до подписания — по нормативам на сегодня)' })
  fine!: string;

  @Field(() => String, { nullable: true, description: 'Код дефекта, по которому применена неоплата' })
  notPaidGroundCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Код дефекта, по которому применён штраф' })
  fineGroundCode!: string | null;

  @Field({ description: 'Как применено правило, например «Применено основание 3.2.2 — наибольший размер»' })
  explanation!: string;
}

export const findingsOf = (ctx: Context, expertiseId: string) => ctx.loaders.childrenOf(Finding, 'expertise', { createdAt: 'asc' }).load(expertiseId);
export const episodesOf = (ctx: Context, expertiseId: string) => ctx.loaders.childrenOf(CareEpisode, 'expertise', { createdAt: 'asc' }).load(expertiseId);
const allNorms = (ctx: Context) => ctx.loaders.memo('norms', (em) => listNorms(em, {}));

/** An expertise's findings with their codes and fines (fixed when signed, previews before). */
async function pricedFindings(ctx: Context, expertise: Expertise): Promise<PricedFinding[]> {
  const [findings, episodes, norms] = await Promise.all([findingsOf(ctx, expertise.id), episodesOf(ctx, expertise.id), allNorms(ctx)]);
  const codes = await ctx.loaders.byId(DefectCode).loadMany(findings.map((f) => f.defectCode.id));
  const episodeById = new Map(episodes.map((e) => [e.id, e]));
  const signed = isSigned(expertise.status);
  return findings.map((finding, i) => {
    const code = codes[i] as DefectCode;
    const fine = signed ? finding.fine : previewFine(episodeById.get(finding.episode.id)!, code, norms, today(), ctx.app.rules);
    return { finding, code, fine };
  });
}

/** Each episode's sanction, computed once per expertise and request. */
export function expertiseSanctions(ctx: Context, expertise: Expertise): Promise<Map<string, EpisodeSanction>> {
  return ctx.loaders.memo(`sanctions:${expertise.id}`, async () =>
    sanctionsByEpisode(await episodesOf(ctx, expertise.id), await pricedFindings(ctx, expertise), ruleOf(expertise, ctx.app.rules)),
  );
}

export async function finePreviewOf(ctx: Context, finding: Finding): Promise<string | null> {
  const [episode, code, norms] = await Promise.all([
    ctx.loaders.byId(CareEpisode).load(finding.episode.id),
    ctx.loaders.byId(DefectCode).load(finding.defectCode.id),
    allNorms(ctx),
  ]);
  return episode && code ? previewFine(episode, code, norms, today(), ctx.app.rules) : null;
}

@Resolver(() => CareEpisode)
export class CareEpisodeResolver {
  @FieldResolver(() => NormKind, { description: 'Вид норматива (условия оказания помощи)' })
  async normKind(@Root() episode: CareEpisode, @Ctx() ctx: Context): Promise<NormKind> {
    return (await ctx.loaders.byId(NormKind).load(episode.normKind.id))!;
  }

  @FieldResolver(() => [Finding], { description: 'Замечания по этому случаю' })
  findings(@Root() episode: CareEpisode, @Ctx() ctx: Context): Promise<Finding[]> {
    return ctx.loaders.childrenOf(Finding, 'episode', { createdAt: 'asc' }).load(episode.id);
  }

  @FieldResolver(() => EpisodeSanctionView, { description: 'Что применено по случаю' })
  async sanction(@Root() episode: CareEpisode, @Ctx() ctx: Context): Promise<EpisodeSanctionView> {
    const expertise = (await ctx.loaders.byId(Expertise).load(episode.expertise.id))!;
    const s = (await expertiseSanctions(ctx, expertise)).get(episode.id)!;
    return {
      amountNotPaid: s.amountNotPaid,
      fine: s.fine,
      notPaidGroundCode: s.notPaidGround?.code ?? null,
      fineGroundCode: s.fineGround?.code ?? null,
      explanation: s.explanation,
    };
  }
}
