import type express from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer: the web client is served from this origin only (its build
 * has no inline script), may not be framed, and sends no referrer elsewhere. Style attributes
 * are allowed: chart libraries set element styles. In development the GraphQL sandbox page loads
 * its code from Apollo's CDN, so /graphql keeps a CSP of its own there; production serves no
 * such page.
 */
export function securityHeaders(production: boolean): express.RequestHandler {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: production ? { maxAge: 15552000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  const sandbox = helmet({
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  return (req, res, next) => (!production && req.method === 'GET' && req.path === '/graphql' ? sandbox(req, res, next) : strict(req, res, next));
}
