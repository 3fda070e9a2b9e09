import type { EntityClass } from '@mikro-orm/core';
import type { RouteSet } from '../http/app.js';

/**
 * What a domain module gives the application: its tables, its part of the GraphQL schema, and
 * the REST routes it serves (each under the path prefixes it names, behind the admission gate).
 * The composition root (`app/modules.ts`) lists the modules; infrastructure takes what it is given.
 */
export interface RazborModule {
  name: string;
  // MikroORM and type-graphql take classes of any shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities?: Array<EntityClass<any>>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers?: Function[];
  routes?: RouteSet;
}
