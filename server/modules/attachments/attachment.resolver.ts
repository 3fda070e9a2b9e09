import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { CommissionReview, CorrectiveAction } from '../reviews/review.entity.js';
import { Attachment } from './attachment.entity.js';

/** The files of a record, for every record of a page in one query. */
const attachmentsOf = (ctx: Context, ownerId: string) => ctx.loaders.childrenOf(Attachment, 'ownerId', { uploadedAt: 'asc' }).load(ownerId);

@Resolver(() => RefusalCase)
export class CaseAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Файлы, приложенные к случаю' })
  attachments(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<Attachment[]> {
    return attachmentsOf(ctx, c.id);
  }
}

@Resolver(() => CommissionReview)
export class ReviewAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Скан протокола и другие файлы разбора' })
  attachments(@Root() review: CommissionReview, @Ctx() ctx: Context): Promise<Attachment[]> {
    return attachmentsOf(ctx, review.id);
  }
}

@Resolver(() => CorrectiveAction)
export class ActionAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Подтверждающие файлы' })
  attachments(@Root() action: CorrectiveAction, @Ctx() ctx: Context): Promise<Attachment[]> {
    return attachmentsOf(ctx, action.id);
  }
}
