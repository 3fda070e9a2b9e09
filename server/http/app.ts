import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { type Context, viewerOf as signedInViewer } from '../graphql/context.js';
import { Loaders } from '../graphql/loaders.js';
import { razborSchema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import type { BusinessRules } from '../config.js';
import { viewerFromToken } from '../modules/auth/auth.service.js';
import { TokenService } from '../modules/auth/token.service.js';
import { INTERNAL_ERROR_MESSAGE, errorFormatter, sendRefusal } from './errors.js';
import { DomainError, FailureKind, refusal } from '../shared/errors.js';
import { requestLimits } from './limits.js';
import { admissionGate, type AdmissionSettings } from './admission.js';
import { securityHeaders } from './security-headers.js';
import { buildCaseSheet } from '../modules/cases/import/case-sheet.template.js';
import { buildExpertiseAct } from '../modules/expertise/expertise-act.docx.js';
import { findExpertise } from '../modules/expertise/expertise.access.js';
import { attachmentRoutes } from '../modules/attachments/attachment.routes.js';
import type { AttachmentQuota } from '../modules/attachments/attachment.service.js';
import { reportRoutes } from '../modules/reports/report.routes.js';
import { webClientRoutes } from './web-client.js';

export interface HttpOptions {
  orm: MikroORM;
  log: Logger;
  tokens: TokenService;
  rules: BusinessRules;
  searchIdListMax: number;
  port: number;
  host: string;
  production: boolean;
  webDir: string;
  admission: AdmissionSettings;
  attachmentQuota: AttachmentQuota;
  trustedProxy: number | string | false;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

async function contextFor(req: express.Request, options: HttpOptions): Promise<Context> {
  const em = options.orm.em.fork();
  const match = BEARER.exec(req.headers.authorization ?? '');
  const signedIn = match ? await viewerFromToken(em, options.tokens, match[1]) : null;
  return {
    em,
    viewer: signedIn?.viewer ?? null,
    token: signedIn?.claims ?? null,
    log: options.log,
    app: { tokens: options.tokens, rules: options.rules, searchIdListMax: options.searchIdListMax, attachmentQuota: options.attachmentQuota },
    loaders: new Loaders(em),
    address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
  };
}

export async function startHttpServer(options: HttpOptions): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustedProxy);
  app.use(securityHeaders(options.production));
  const httpServer = http.createServer(app);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.log.debug({ method: req.method, path: req.path, status: res.statusCode, ms }, 'request');
    });
    next();
  });

  const schema = await razborSchema();
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
  app.use(['/graphql', '/attachments', '/reports', '/expertises', '/templates'], admissionGate(options.admission));

  app.get('/templates/refusal-cases.xlsx', async (_req, res) => {
    res.attachment('shablon-sluchai-otkaza.xlsx');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.send(await buildCaseSheet());
  });

  app.use(attachmentRoutes((req) => contextFor(req, options)));
  app.use(reportRoutes((req) => contextFor(req, options)));

  app.get('/expertises/:id/act.docx', async (req, res) => {
    const context = await contextFor(req, options);
    const expertise = await findExpertise(context.em, signedInViewer(context), req.params.id);
    if (!expertise) throw refusal(FailureKind.NOT_FOUND, 'Экспертиза не найдена');
    res.attachment(`akt-${expertise.number}.docx`);
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.send(await buildExpertiseAct(context.em, expertise));
  });

  app.use('/graphql', express.json({ limit: '30mb' }), expressMiddleware(apollo, { context: async ({ req }) => contextFor(req, options) }));

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
