import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';

@ObjectType({ description: 'Сведения о странице списка' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Relay-style connection `{ edges { node cursor } pageInfo totalCount }` of a node type. */
export function ConnectionOf<T extends object>(nodeType: ClassType<T>, edgeName: string) {
  @ObjectType(edgeName)
  class Edge {
    @Field(() => nodeType)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    // A promise is allowed: the count may still be running while the edges are resolved.
    @Field(() => Int, { description: 'Сколько всего записей под отбором (при totalCountExact = false их больше этого числа)' })
    totalCount!: number | Promise<number>;

    @Field(() => Boolean, {
      description: 'Точен ли totalCount: поиск по тексту считает совпадения лишь до предела, за ним список говорит «более»',
    })
    totalCountExact!: boolean | Promise<boolean>;
  }
  return Connection;
}
