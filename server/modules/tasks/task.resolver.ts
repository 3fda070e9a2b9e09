import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { invalidArgument } from '../../shared/errors.js';
import { myTaskQueue } from './task.service.js';
import { Task } from './task.types.js';

/** The count alone is worked out with the queue the start page shows (its hundred most urgent tasks). */
const COUNTED_WITH = 100;

type Queue = Awaited<ReturnType<typeof myTaskQueue>>;

/** The viewer's queue, worked out once per request for `myTasks` and `myTaskCount` together. */
const queueOfRequest = new WeakMap<Context, { limit: number | null; queue: Promise<Queue> }>();

async function queueOf(ctx: Context, limit: number | null, reusable: (built: number | null) => boolean): Promise<Queue> {
  const known = queueOfRequest.get(ctx);
  if (known && (reusable(known.limit) || (await known.queue).complete)) return known.queue;
  const queue = myTaskQueue(ctx.em, viewerOf(ctx), ctx.app.rules, limit);
  queueOfRequest.set(ctx, { limit, queue });
  return queue;
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => [Task], { description: 'Что требует внимания текущего пользователя, самое срочное первым; first — не больше стольких самых срочных' })
  async myTasks(@Ctx() ctx: Context, @Arg('first', () => Int, { nullable: true }) first?: number | null): Promise<Task[]> {
    if (first != null && first < 0) throw invalidArgument('first', 'first: не меньше 0');
    const limit = first ?? null;
    const queue = await queueOf(ctx, limit, (built) => built === null || (limit !== null && limit <= built));
    return limit === null ? queue.tasks : queue.tasks.slice(0, limit);
  }

  @Query(() => Int, { description: 'Сколько всего задач у текущего пользователя' })
  async myTaskCount(@Ctx() ctx: Context): Promise<number> {
    // After the microtasks of this request: a `myTasks` beside it (its arguments are validated first)
    // has then set the queue the count is read from, so the queue is built once, for the list's cut.
    await new Promise((resolve) => setImmediate(resolve));
    return (await queueOf(ctx, COUNTED_WITH, () => true)).total;
  }
}
