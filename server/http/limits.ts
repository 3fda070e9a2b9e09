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
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

const hasNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.values(value).some(hasNul);
  return false;
};

/** PostgreSQL text cannot hold the NUL character: such input is refused as bad input, whatever the field. */
export const nulCharacterPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        if (hasNul(request.variables) || /\\u0000/i.test(request.query ?? '')) {
          throw new GraphQLError('Запрос содержит недопустимый символ (NUL)', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        }
      },
    };
  },
};
