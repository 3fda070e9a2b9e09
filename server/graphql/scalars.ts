import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d+(\.\d+)?$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  if (value === '') throw new GraphQLError('Заполните это поле');
  throw new GraphQLError('Ожидается десятичное число в виде строки, например "1234.56"');
}

/** Exact decimal number carried as a string, never as a binary float. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'Точное десятичное число, передаётся строкой ("0.3", "1234.56")',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDecimal(ast.value) : parseDecimal(undefined)),
});

function parseLocalDate(value: unknown): string {
  if (value === '') throw new GraphQLError('Укажите дату');
  if (typeof value === 'string' && LOCAL_DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value) return value;
  }
  throw new GraphQLError('Ожидается дата в формате ГГГГ-ММ-ДД');
}

/** A calendar date without time or zone, `YYYY-MM-DD`. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'Календарная дата без времени, ГГГГ-ММ-ДД',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseLocalDate,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseLocalDate(ast.value) : parseLocalDate(undefined)),
});
