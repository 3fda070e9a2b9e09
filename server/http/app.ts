import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Context, ContextOf } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { INTERNAL_ERROR_MESSAGE, errorFormatter } from './errors.js';
import { sendRefusal } from './refusals.js';
import { DomainError } from '../shared/errors.js';
import { withDayFixed } from '../shared/clock.js';
import { requestLimits } from './limits.js';
import { admissionGate, type AdmissionSettings } from './admission.js';
import { securityHeaders } from './security-headers.js';
import { webClientRoutes } from './web-client.js';

/** A module's REST routes and the path prefixes they serve (the admission gate covers them). */
export interface RouteSet {
  prefixes: string[];
  router: (contextOf: ContextOf) => express.Router;
}

export interface HttpOptions {
  schema: GraphQLSchema;
  /** The modules' REST routes, each behind the admission gate under its prefixes. */
  routes: RouteSet[];
  /** The context of a request: its EntityManager, its viewer, the services (app/context.ts). */
  contextOf: ContextOf;
  orm: MikroORM;
  log: Logger;
  port: number;
  host: string;
  production: boolean;
  webDir: string;
  admission: AdmissionSettings;
  trustedProxy: number | string | false;
  /** Whether the request carries a token signed with a key in force: only such a request may be large. */
  signedIn: (req: express.Request) => Promise<boolean>;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpOptions): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustedProxy);
  app.use(securityHeaders(options.production));
  // Every request sees one day from start to end (shared/clock.ts).
  app.use((_req, _res, next) => withDayFixed(next));
  const httpServer = http.createServer(app);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.log.debug({ method: req.method, path: req.path, status: res.statusCode, ms }, 'request');
    });
    next();
  });

  const schema = options.schema;
  const limits = requestLimits(schema);
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    formatError: errorFormatter(options.log),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      // Production serves no page at /graphql: Apollo's pages load their code from its CDN.
      options.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ footer: false, embed: false }),
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await options.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', database: 'up' });
    } catch (error) {
      options.log.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'error', database: 'down' });
    }
  });

  // Health answers outside the line, so that a load balancer sees an overloaded server as alive.
  app.use(['/graphql', ...options.routes.flatMap((r) => r.prefixes)], admissionGate(options.admission));
  for (const route of options.routes) app.use(route.router(options.contextOf));

  // A spreadsheet import travels in base64 (up to 20 MB of file); everything an anonymous client may
  // send is a sign-in, so nobody unknown makes the server read and parse megabytes.
  const signedInBody = express.json({ limit: '30mb' });
  const anonymousBody = express.json({ limit: '100kb' });
  app.use(
    '/graphql',
    async (req, res, next) => ((await options.signedIn(req)) ? signedInBody : anonymousBody)(req, res, next),
    expressMiddleware(apollo, { context: ({ req }) => options.contextOf(req) }),
  );

  app.use(webClientRoutes(options.webDir));

  // Anything unexpected outside GraphQL: logged here, a plain message for the client, never a stack trace.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (error instanceof DomainError) return sendRefusal(res, error);
    const status = (error as { status?: number }).status;
    if (status === 413 || status === 400) {
      // The request itself was refused before any handler (body too large or not JSON).
      if (!res.headersSent) res.status(status).json({ message: status === 413 ? 'Запрос слишком большой' : 'Неверный формат запроса' });
      return;
    }
    options.log.error({ err: error }, 'unexpected error while handling an HTTP request');
    if (!res.headersSent) res.status(500).json({ message: INTERNAL_ERROR_MESSAGE });
  });

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      await apollo.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
