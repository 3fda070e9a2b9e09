import type express from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppServices, Context, ContextOf } from '../graphql/context.js';
import { Loaders } from '../graphql/loaders.js';
import type { Logger } from '../logger.js';
import { viewerFromClaims } from '../modules/auth/auth.service.js';
import type { TokenClaims, TokenService } from '../modules/auth/token.service.js';

const BEARER = /^Bearer\s+(\S+)$/i;

const verified = new WeakMap<express.Request, Promise<TokenClaims | null>>();

/**
 * The claims of the request's bearer token if it is valid, verified once a request: the body's size
 * limit and the context both ask.
 */
export function requestClaims(req: express.Request, tokens: TokenService): Promise<TokenClaims | null> {
  let claims = verified.get(req);
  if (!claims) {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    claims = token ? tokens.verify(token) : Promise.resolve(null);
    verified.set(req, claims);
  }
  return claims;
}

/** Each request's context: its own EntityManager fork and batch loaders, and the viewer its token names. */
export function requestContext(orm: MikroORM, log: Logger, services: AppServices): ContextOf {
  return async (req: express.Request): Promise<Context> => {
    const em = orm.em.fork();
    const signedIn = await viewerFromClaims(em, await requestClaims(req, services.tokens));
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
