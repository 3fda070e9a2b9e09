import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { mayAttach } from '../../access/records.js';
import { type Context, viewerOf } from '../../graphql/context.js';
import { RefusalCase } from '../cases/refusal-case.entity.js';
import { CommissionReview, CorrectiveAction } from '../reviews/review.entity.js';
import { Attachment, AttachmentOwner } from './attachment.entity.js';

/** The files of a record, for every record of a page in one query. */
const attachmentsOf = (ctx: Context, ownerId: string) => ctx.loaders.childrenOf(Attachment, 'ownerId', { uploadedAt: 'asc' }).load(ownerId);

/** Whether the viewer may attach files to a record of this case. */
const mayAttachTo = async (ctx: Context, owner: AttachmentOwner, caseId: string) =>
  mayAttach(viewerOf(ctx), owner, (await ctx.loaders.byId(RefusalCase).load(caseId))!);

const MAY_ATTACH = { description: 'Может ли текущий пользователь приложить сюда файл' };

@Resolver(() => RefusalCase)
export class CaseAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Файлы, приложенные к случаю' })
  attachments(@Root() c: RefusalCase, @Ctx() ctx: Context): Promise<Attachment[]> {
    return attachmentsOf(ctx, c.id);
  }

  @FieldResolver(() => Boolean, MAY_ATTACH)
  mayAttachFiles(@Root() c: RefusalCase, @Ctx() ctx: Context): boolean {
    return mayAttach(viewerOf(ctx), AttachmentOwner.CASE, c);
  }
}

@Resolver(() => CommissionReview)
export class ReviewAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Скан протокола и другие файлы разбора' })
  attachments(@Root() review: CommissionReview, @Ctx() ctx: Context): Promise<Attachment[]> {
    return attachmentsOf(ctx, review.id);
  }

  @FieldResolver(() => Boolean, MAY_ATTACH)
  mayAttachFiles(@Root() review: CommissionReview, @Ctx() ctx: Context): Promise<boolean> {
    return mayAttachTo(ctx, AttachmentOwner.REVIEW, review.refusalCase.id);
  }
}

@Resolver(() => CorrectiveAction)
export class ActionAttachmentsResolver {
  @FieldResolver(() => [Attachment], { description: 'Подтверждающие файлы' })
  attachments(@Root() action: CorrectiveAction, @Ctx() ctx: Context): Promise<Attachment[]> {
    return attachmentsOf(ctx, action.id);
  }

  @FieldResolver(() => Boolean, MAY_ATTACH)
  mayAttachFiles(@Root() action: CorrectiveAction, @Ctx() ctx: Context): Promise<boolean> {
    return mayAttachTo(ctx, AttachmentOwner.ACTION, action.refusalCase.id);
  }
}
