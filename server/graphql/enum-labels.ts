import { buildSchema, GraphQLEnumType } from 'graphql';

/**
 * The Russian label of every enum value, as the schema describes it, written as a TypeScript
 * module for the web client: the server's descriptions are the one place these words live.
 */
export function enumLabelsModule(sdl: string): string {
  const schema = buildSchema(sdl);
  const enums = Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLEnumType => type instanceof GraphQLEnumType && !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const blocks = enums.map((type) => {
    const values = type.getValues().map((v) => `    ${v.name}: ${JSON.stringify(v.description ?? v.name)},`);
    return `  ${type.name}: {\n${values.join('\n')}\n  },`;
  });
  return [
    '/* Generated from schema/schema.graphql by `npm run generate`; do not edit. */',
    '',
    "/** Russian labels of the API's enum values, from the schema's descriptions. */",
    'export const ENUM_LABELS = {',
    ...blocks,
    '} as const;',
    '',
  ].join('\n');
}
