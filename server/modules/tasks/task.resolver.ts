import { Ctx, Query, Resolver } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { myTasks } from './task.service.js';
import { Task } from './task.types.js';

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => [Task], { description: 'Что требует внимания текущего пользователя, самое срочное первым' })
  myTasks(@Ctx() ctx: Context): Promise<Task[]> {
    return myTasks(ctx.em, viewerOf(ctx), ctx.app.rules);
  }
}
