import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { invalidArgument } from '../../shared/errors.js';
import { myTasks } from './task.service.js';
import { Task } from './task.types.js';

/** The viewer's tasks, worked out once per request however many fields ask for them. */
const tasksOfRequest = new WeakMap<Context, Promise<Task[]>>();

function tasksOf(ctx: Context): Promise<Task[]> {
  let tasks = tasksOfRequest.get(ctx);
  if (!tasks) {
    tasks = myTasks(ctx.em, viewerOf(ctx), ctx.app.rules);
    tasksOfRequest.set(ctx, tasks);
  }
  return tasks;
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => [Task], { description: 'Что требует внимания текущего пользователя, самое срочное первым; first — не больше стольких самых срочных' })
  async myTasks(@Ctx() ctx: Context, @Arg('first', () => Int, { nullable: true }) first?: number | null): Promise<Task[]> {
    if (first != null && first < 0) throw invalidArgument('first', 'first: не меньше 0');
    const tasks = await tasksOf(ctx);
    return first == null ? tasks : tasks.slice(0, first);
  }

  @Query(() => Int, { description: 'Сколько всего задач у текущего пользователя' })
  async myTaskCount(@Ctx() ctx: Context): Promise<number> {
    return (await tasksOf(ctx)).length;
  }
}
