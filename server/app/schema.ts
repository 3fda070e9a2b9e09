import { buildGraphqlSchema, printedSchema } from '../graphql/schema.js';
import type { GraphQLSchema } from 'graphql';
import { RESOLVERS } from './modules.js';

let built: Promise<GraphQLSchema> | null = null;

/** Razbor's schema, from every module's resolvers; built once per process. */
export function razborSchema(): Promise<GraphQLSchema> {
  built ??= buildGraphqlSchema(RESOLVERS);
  return built;
}

/** The SDL committed as schema/schema.graphql. */
export const schemaSdl = async () => printedSchema(await razborSchema());
