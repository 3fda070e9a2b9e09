import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startRazbor, type Razbor } from '../../server/app/runtime.js';
import { LoginDocument } from '../../client/generated/graphql.js';
import { TEST_ADMIN_PASSWORD } from './constants.js';

export interface GraphQLResponse<R> {
  data?: R | null;
  errors?: GraphQLFormattedError[];
}

export interface TestServer {
  url: string;
  razbor: Razbor;
  /** Sends a typed document over HTTP, as the client does. */
  gql<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string | null): Promise<GraphQLResponse<R>>;
  /** Like gql, but fails the test on any GraphQL error and returns the data. */
  ok<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string | null): Promise<R>;
  login(login: string, password: string): Promise<string>;
  adminToken: string;
  /** Direct SQL on the test database, for checks behind the API. */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function cloneTemplate(adminUrl: string, template: string): Promise<string> {
  const name = `razbor_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${template}`);
  } finally {
    await client.end();
  }
  return name;
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`drop role if exists ${name}_api`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the real server on a fresh copy of the prepared database, on a free port; with
 * `sameDatabaseAs`, a second server process-equivalent on another server's database.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  logDestination?: { write(line: string): void },
  sameDatabaseAs?: TestServer,
): Promise<TestServer> {
  const adminUrl = inject('pgAdminUrl');
  const name = sameDatabaseAs ? new URL(sameDatabaseAs.razbor.databaseUrl).pathname.slice(1) : await cloneTemplate(adminUrl, inject('templateDatabase'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl(adminUrl, name),
    RAZBOR_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    RAZBOR_DEMO: '0',
    // The server shares its process with the test and its neighbours: their work is no overload of the server's
    // (a burst of a test's own requests waited over a second in line on a busy machine and was turned away).
    RAZBOR_MAX_EVENT_LOOP_DELAY_MS: '600000',
    RAZBOR_MAX_QUEUE_WAIT_MS: '60000',
    ...env,
  });
  const razbor = await startRazbor(config, createLogger(logDestination ? 'debug' : (process.env.LOG_LEVEL ?? 'warn'), logDestination));
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });

  async function gql<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string | null) {
    const response = await fetch(`${razbor.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
    });
    return (await response.json()) as GraphQLResponse<R>;
  }

  async function ok<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string | null): Promise<R> {
    const response = await gql(document, variables, token);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }

  async function login(loginName: string, password: string): Promise<string> {
    // A server a test configured to shed load may shed its own first sign-in on a busy machine: ask again.
    let answer = await gql(LoginDocument, { login: loginName, password });
    for (let attempt = 1; attempt < 20 && answer.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await gql(LoginDocument, { login: loginName, password });
    }
    if (answer.errors?.length || !answer.data) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
    const payload = answer.data.login;
    if (!payload.token) throw new Error(`login ${loginName} failed: ${JSON.stringify(payload.errors)}`);
    return payload.token;
  }

  return {
    url: razbor.url,
    razbor,
    gql,
    ok,
    login,
    adminToken: await login('admin', TEST_ADMIN_PASSWORD),
    sql: async (text, params) => (await pool.query(text, params)).rows,
    async stop() {
      await pool.end();
      await razbor.stop();
      if (!sameDatabaseAs) await dropDatabase(adminUrl, name);
    },
  };
}

/** Counts the SQL statements the server sends while `work` runs. */
export async function countStatements(server: TestServer, work: () => Promise<unknown>): Promise<number> {
  const knex = server.razbor.orm.em.getConnection().getKnex();
  let count = 0;
  const listener = () => {
    count += 1;
  };
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.off('query', listener);
  }
  return count;
}
