import { registerEnumType } from 'type-graphql';

/** Registers an enum for GraphQL with the Russian label of each value as its description. */
export function registerLabelledEnum<E extends Record<string, string>>(
  enumObject: E,
  name: string,
  description: string,
  labels: Record<E[keyof E], string>,
): void {
  registerEnumType(enumObject, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(labels).map(([value, label]) => [value, { description: label as string }])) as never,
  });
}
