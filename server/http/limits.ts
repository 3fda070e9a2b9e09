import type { ApolloServerPlugin } from '@apollo/server';
import { type DomainError, FailureKind, forbidden, unauthenticated } from '../shared/errors.js';
import { operationRefusal } from '../access/operations.js';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { asGraphQLError } from '../graphql/errors.js';
import { httpStatusOf } from './refusals.js';
import { GraphQLError, Kind, getVariableValues, type FragmentDefinitionNode, type GraphQLSchema, type SelectionNode, type ValidationRule } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type { Context } from '../graphql/context.js';
import { unstorableText } from '../shared/storable-text.js';

// Its ESM build imports graphql's .mjs files, a second graphql beside the CommonJS one type-graphql
// uses; the CommonJS build shares ours.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/**
 * What one request may ask. The web client's largest document has about 400 tokens, one level
 * of aliases per field and depth 7; the limits leave room for API users and none for floods.
 */
export const LIMITS = {
  tokens: 3000,
  aliases: 30,
  depth: 10,
  directives: 10,
  cost: 20_000,
  /** Nesting of the variables' JSON: the deepest input type is 4 levels. */
  variablesDepth: 16,
} as const;

/** Refusals of the request as a whole: HTTP 400 with a GraphQL error in Russian. */
const refused = (message: string, code = 'BAD_USER_INPUT') => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * graphql-armor's parser-level and validation-level limits (tokens, aliases, depth, directives,
 * field suggestions), with messages in Russian.
 */
function armorLimits(): { plugins: ApolloServerPlugin<Context>[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    // graphql's own parser counts tokens (Apollo's parseOptions below); armor's parsing plugin answers 500 on Apollo 5.
    maxTokens: { enabled: false },
    maxAliases: { n: LIMITS.aliases, exposeLimits: false, errorMessage: `В запросе слишком много псевдонимов: не более ${LIMITS.aliases}` },
    maxDepth: {
      n: LIMITS.depth,
      exposeLimits: false,
      flattenFragments: true,
      errorMessage: `Запрос слишком глубокий: не более ${LIMITS.depth} уровней вложенности`,
    },
    maxDirectives: { n: LIMITS.directives, exposeLimits: false, errorMessage: `В запросе слишком много директив: не более ${LIMITS.directives}` },
    // Cost is weighted by page sizes below; the library's estimate knows nothing of `first`.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true, mask: '' },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin<Context>[], validationRules: validationRules };
}

/** Why a variables value cannot be taken, walked without recursion so that no depth overflows the stack. */
function variablesProblem(variables: unknown): string | null {
  const stack: Array<[unknown, number]> = [[variables, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (depth > LIMITS.variablesDepth) return `Переменные запроса вложены слишком глубоко: не более ${LIMITS.variablesDepth} уровней`;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return problem;
    } else if (value && typeof value === 'object') {
      for (const child of Object.values(value)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

const textProblem = (text: string) => {
  const problem = unstorableText(text);
  return problem ? `Запрос содержит ${problem}` : null;
};

/** The query text escapes NUL (`\u0000`) or a lone surrogate (`\ud800`) in a string or block string. */
function queryTextProblem(query: string): string | null {
  if (/\\u0000|\\u\{0+\}/i.test(query)) return textProblem('\u0000');
  return textProblem(query);
}

/** Checks the request's own text and variables before anything else looks at them. */
const inputCharactersPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ request }) {
    const problem = variablesProblem(request.variables) ?? queryTextProblem(request.query ?? '');
    return {
      async didResolveOperation() {
        if (problem) throw refused(problem);
      },
    };
  },
};

/** A refusal before execution, with the HTTP status of its kind (thrown here, without one, it would be a 500). */
const refusedBeforeExecution = (error: DomainError) => asGraphQLError(error, { http: { status: httpStatusOf(error.kind) } });

/** The root fields an operation asks for, through its fragments; null for what cannot be told. */
function rootFieldNames(selections: readonly SelectionNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>, depth = 0): Array<string | null> {
  if (depth > LIMITS.depth) return [null];
  return selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value);
    return fragment ? rootFieldNames(fragment.selectionSet.selections, fragments, depth + 1) : [null];
  });
}

/**
 * Every root field against the operations policy (access/operations.ts), before anything runs:
 * without a valid token only `login`, and only once per request (40 aliased guesses in one
 * request are 40 guesses); with one, only the operations of the viewer's role. Refused before
 * execution, so a flood of fields costs nothing.
 */
const operationAccessPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    return {
      async didResolveOperation({ operation, document }) {
        if (!operation) return;
        const fragments = new Map(
          document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
        );
        const names = rootFieldNames(operation.selectionSet.selections, fragments);
        if (names.filter((n) => n === 'login').length > 1) throw refused('Вход выполняется по одному логину за запрос');
        const refusals = names.map((name) =>
          name === null ? (contextValue.viewer ? forbidden() : unauthenticated()) : operationRefusal(contextValue.viewer, name),
        );
        const refusal = refusals.find((r) => r?.kind === FailureKind.UNAUTHENTICATED) ?? refusals.find(Boolean);
        if (refusal) throw refusedBeforeExecution(refusal);
      },
    };
  },
};

/** A list field asked with `first: n` costs n times its selection. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) =>
  typeof args.first === 'number' ? Math.max(1, args.first) * Math.max(1, childComplexity) : undefined;

/** Refuses operations whose estimated cost is above the limit, before anything runs; an estimate that fails refuses too (fail closed). */
function costLimitPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // Variables that do not fit their types: execution refuses them as bad input before anything runs.
          if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [fieldExtensionsEstimator(), pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            throw refused('Запрос не принят: его объём не удалось оценить');
          }
          if (cost > LIMITS.cost) {
            throw refused(`Запрос слишком объёмный (${cost} > ${LIMITS.cost}): запросите меньше полей или записей`);
          }
        },
      };
    },
  };
}

/**
 * English messages of graphql's parser and validators, told in Russian with the original kept
 * for whoever wrote the request.
 */
export function inRussian(message: string, code: string): string {
  const own = message.replace(/^Syntax Error: (?=[А-ЯЁ])/, '');
  if (own !== message || /^[А-ЯЁ]/.test(message)) return own;
  if (/^Syntax Error: Document contains more that \d+ tokens/.test(message)) return `Запрос слишком длинный: не более ${LIMITS.tokens} элементов`;
  if (code === 'GRAPHQL_PARSE_FAILED') return `Синтаксическая ошибка в запросе (${message})`;
  if (code === 'GRAPHQL_VALIDATION_FAILED') return `Запрос не соответствует схеме API (${message})`;
  return message;
}

const INVALID_VARIABLE = /^Variable "\$\w+" got invalid value .*? at "\w+\.([\w.[\]]+)"; (.*)$/s;
const INVALID_VARIABLE_AT_ROOT = /^Variable "\$(\w+)" got invalid value .*?; (.*)$/s;

/** The reason graphql gives for a variable value that does not fit its type, told in Russian. */
function reasonInRussian(reason: string): { reason: string; missing: string | null } {
  const missing = /^Field "(\w+)" of required type ".*" was not provided\.$/.exec(reason);
  if (missing) return { reason: 'Заполните это поле', missing: missing[1] };
  if (/^Expected non-nullable type ".*" not to be null\.$/.test(reason)) return { reason: 'Заполните это поле', missing: null };
  const notInEnum = /^Value "(.*)" does not exist in ".*" enum\./s.exec(reason);
  if (notInEnum?.[1] === '') return { reason: 'Выберите значение', missing: null };
  if (notInEnum) return { reason: `Недопустимое значение «${notInEnum[1]}»`, missing: null };
  if (/^Field "\w+" is not defined by type/.test(reason)) return { reason: 'Такого поля нет в форме', missing: null };
  if (/^Int cannot represent .*: ""$/.test(reason) || /^Float cannot represent/.test(reason)) return { reason: 'Укажите число', missing: null };
  if (/^Int cannot represent/.test(reason)) return { reason: 'Укажите целое число', missing: null };
  if (/^[А-ЯЁ]/.test(reason)) return { reason, missing: null };
  return { reason: `Значение не подходит (${reason})`, missing: null };
}

/**
 * A value the schema refuses before any resolver runs (a date that is not a date, a value outside
 * an enum, a required field left out): its field's path inside the input and a Russian reason, so
 * that a form shows it beside the field, as it shows the payload's own errors.
 */
export function variableProblem(message: string): { field: string | null; message: string } | null {
  const nested = INVALID_VARIABLE.exec(message);
  const atRoot = nested ? null : INVALID_VARIABLE_AT_ROOT.exec(message);
  if (!nested && !atRoot) return null;
  const { reason, missing } = reasonInRussian(nested ? nested[2] : atRoot![2]);
  const path = nested ? nested[1] : null;
  const field = [path, missing].filter(Boolean).join('.') || (nested ? null : atRoot![1]);
  return { field, message: reason };
}

/** Every limit a GraphQL request passes, in the order they run: tokens, validation, characters, sign-in, then cost. */
export function requestLimits(schema: GraphQLSchema) {
  const armor = armorLimits();
  return {
    parseOptions: { maxTokens: LIMITS.tokens },
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, inputCharactersPlugin, operationAccessPlugin, costLimitPlugin(schema)],
  };
}
