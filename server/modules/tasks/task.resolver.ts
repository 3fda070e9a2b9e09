import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Context, viewerOf } from '../../graphql/context.js';
import { invalidArgument } from '../../shared/errors.js';
import { myTaskQueue } from './task.service.js';
import { Task } from './task.types.js';

/** The count alone is worked out with the queue the start page shows (its hundred most urgent tasks). */
const COUNTED_WITH = 100;

type Queue = Awaited<ReturnType<typeof myTaskQueue>>;

interface Built {
  /** The tasks built exactly (null: all of them). */
  limit: number | null;
  queue: Promise<Queue>;
}

/** The viewer's queues built for this request, shared by `myTasks` and `myTaskCount` and by their aliases. */
const builtForRequest = new WeakMap<Context, Built[]>();

const covers = (built: Built, limit: number | null) => built.limit === null || (limit !== null && limit <= built.limit);

/**
 * The queue exact at least as far as `limit`. A request builds at most two: the first cut asked for,
 * then, if an alias asks for more, the whole queue — however many aliases with other cuts it sends.
 */
function queueOf(ctx: Context, limit: number | null): Promise<Queue> {
  const built = builtForRequest.get(ctx) ?? [];
  builtForRequest.set(ctx, built);
  const fitting = built.find((b) => covers(b, limit));
  if (fitting) return fitting.queue;
  const build = (cut: number | null) => myTaskQueue(ctx.em, viewerOf(ctx), ctx.app.rules, cut);
  const first = built[0];
  const next: Built = first ? { limit: null, queue: first.queue.then((queue) => (queue.complete ? queue : build(null))) } : { limit, queue: build(limit) };
  built.push(next);
  return next.queue;
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => [Task], { description: 'Что требует внимания текущего пользователя, самое срочное первым; first — не больше стольких самых срочных' })
  async myTasks(@Ctx() ctx: Context, @Arg('first', () => Int, { nullable: true }) first?: number | null): Promise<Task[]> {
    if (first != null && first < 0) throw invalidArgument('first', 'first: не меньше 0');
    const limit = first ?? null;
    const queue = await queueOf(ctx, limit);
    return limit === null ? queue.tasks : queue.tasks.slice(0, limit);
  }

  @Query(() => Int, { description: 'Сколько всего задач у текущего пользователя' })
  async myTaskCount(@Ctx() ctx: Context): Promise<number> {
    // After the microtasks of this request: a `myTasks` beside it (its arguments are validated first)
    // has then set the queue the count is read from, so the queue is built once, for the list's cut.
    await new Promise((resolve) => setImmediate(resolve));
    const built = builtForRequest.get(ctx)?.[0];
    return (await (built?.queue ?? queueOf(ctx, COUNTED_WITH))).total;
  }
}
