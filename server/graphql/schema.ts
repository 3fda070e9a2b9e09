import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from './scalars.js';

// type-graphql's buildSchema takes resolver classes as `Function`s.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Resolvers = Function[];

/** The GraphQL schema of the given resolvers (type-graphql, no validation of inputs by class-validator). */
export function buildGraphqlSchema(resolvers: Resolvers): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: resolvers as NonEmptyArray<Resolvers[number]>, scalarsMap: [], validate: false, emitSchemaFile: false });
}

/** The SDL as committed: sorted, so that a diff shows only what changed. */
export const printedSchema = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;

export { DecimalScalar, LocalDateScalar };
