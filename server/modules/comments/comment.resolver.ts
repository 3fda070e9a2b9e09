import { Arg, Ctx, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { runMutation } from '../../graphql/mutation.js';
import { PayloadOf } from '../../graphql/payload.js';
import { User } from '../auth/user.entity.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { CaseComment } from './comment.entity.js';
import { addCaseComment, commentVisibleTo } from './comment.service.js';

@ObjectType()
export class CaseCommentPayload extends PayloadOf(CaseComment) {}

@Resolver(() => CaseComment)
export class CommentResolver {
  @Mutation(() => CaseCommentPayload, { description: 'Комментарий к случаю: внутренний (своей организации) или общий (видят стороны, попадает в историю)' })
  addCaseComment(@Ctx() ctx: Context, @Arg('caseId', () => ID) caseId: string, @Arg('text') text: string, @Arg('shared') shared: boolean) {
    return runMutation(ctx, (em) => addCaseComment(em, viewerOf(ctx), { caseId, text, shared }));
  }

  @FieldResolver(() => User)
  async author(@Root() comment: CaseComment, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.byId(User).load(comment.author.id))!;
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() comment: CaseComment, @Ctx() ctx: Context): Promise<Organisation | null> | null {
    return comment.organisation ? ctx.loaders.byId(Organisation).load(comment.organisation.id) : null;
  }
}

@Resolver(() => RefusalCase)
export class CaseCommentsResolver {
  @FieldResolver(() => [CaseComment], { description: 'Комментарии, видимые текущему пользователю, старые первыми' })
  async comments(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<CaseComment[]> {
    const all = await ctx.loaders.childrenOf(CaseComment, 'refusalCase', { createdAt: 'asc' }).load(c.id);
    return all.filter((comment) => commentVisibleTo(viewerOf(ctx), comment));
  }
}
