import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';

/**
 * Paths the API answers itself; everything else under `/` belongs to the web client's router
 * (`/reports` is the client's report page, `/reports/…` the API's files).
 */
const API_PATHS = /^\/(graphql|healthz)(\/|$)|^\/(reports|attachments|expertises|templates)\//;

/** A year: Vite names every built asset by its content's hash, so a changed file is a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hashed assets are kept a year; anything else (index.html, unhashed files) is revalidated. */
function cacheControl(res: ServerResponse, file: string): void {
  res.setHeader('Cache-Control', path.basename(path.dirname(file)) === 'assets' ? IMMUTABLE : 'no-cache');
}

/**
 * Serves the built web client (Vite's output, precompressed at build time: brotli when the browser
 * takes it, else gzip) and answers its client-side routes with index.html, so that a shared link
 * such as /cases?state=CLOSED opens the right page.
 */
export function webClientRoutes(webDir: string): express.Router {
  const router = express.Router();
  const indexHtml = path.join(webDir, 'index.html');
  router.use(
    expressStaticGzip(webDir, {
      index: false,
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      serveStatic: { index: false, cacheControl: false, setHeaders: cacheControl },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    if (API_PATHS.test(req.path)) return next();
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain; charset=utf-8').send('Веб-интерфейс не собран: выполните npm start (или npm run build:web).');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
  return router;
}
