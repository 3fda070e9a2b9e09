import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

/**
 * Paths the API answers itself; everything else under `/` belongs to the web client's router
 * (`/reports` is the client's report page, `/reports/…` the API's files).
 */
const API_PATHS = /^\/(graphql|healthz)(\/|$)|^\/(reports|attachments|expertises|templates)\//;

/**
 * Serves the built web client (Vite's output) and answers its client-side routes with index.html,
 * so that a shared link such as /cases?state=CLOSED opens the right page.
 */
export function webClientRoutes(webDir: string): express.Router {
  const router = express.Router();
  const indexHtml = path.join(webDir, 'index.html');
  router.use(express.static(webDir, { index: false, maxAge: '1h', immutable: false }));
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
