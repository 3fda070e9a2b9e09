import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';

// Its ESM build imports graphql's .mjs files, a second graphql beside the CommonJS one type-graphql
// uses; the CommonJS build shares ours.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 20_000;

/** A list field asked with `first: n` costs n times its selection. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? Math.max(1, args.first) * Math.max(1, childComplexity) : undefined;

export const depthRule = depthLimit(MAX_QUERY_DEPTH);

/** Refuses operations whose estimated cost is above the limit, before anything runs. */
export function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit their types: execution reports that to the client as bad input.
            return;
          }
          if (cost > MAX_QUERY_COST) {
            throw new GraphQLError(`Запрос слишком объёмный (${cost} > ${MAX_QUERY_COST}): запросите меньше полей или записей`, {
              extensions: { code: 'BAD_USER_INPUT' },
            });
          }
        },
      };
    },
  };
}
