import type { RazborModule } from '../../app/module.js';
import { CaseComment } from './comment.entity.js';
import { CaseCommentsResolver, CommentResolver } from './comment.resolver.js';

export const commentsModule: RazborModule = {
  name: 'comments',
  entities: [CaseComment],
  resolvers: [CommentResolver, CaseCommentsResolver],
};
