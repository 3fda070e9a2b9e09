import type express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppServices, Context, ContextOf } from '../graphql/context.js';
import { Loaders } from '../graphql/loaders.js';
import type { Logger } from '../logger.js';
import { viewerFromToken } from '../modules/auth/auth.service.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The token of the request's `Authorization: Bearer` header, if it has one. */
export const bearerToken = (req: express.Request): string | null => BEARER.exec(req.headers.authorization ?? '')?.[1] ?? null;

/** Each request's context: its own EntityManager fork and batch loaders, and the viewer its token names. */
export function requestContext(orm: MikroORM, log: Logger, services: AppServices): ContextOf {
  return async (req: express.Request): Promise<Context> => {
    const em = orm.em.fork();
    const token = bearerToken(req);
    const signedIn = token ? await viewerFromToken(em, services.tokens, token) : null;
    return {
      em,
      viewer: signedIn?.viewer ?? null,
      token: signedIn?.claims ?? null,
      log,
      app: services,
      loaders: new Loaders(em),
      address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    };
  };
}
