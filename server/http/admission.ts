import type express from 'express';
import pLimit from 'p-limit';

export interface AdmissionSettings {
  /** Requests served at once; the rest wait in line. */
  maxInFlight: number;
  /** Requests that may wait; one more is turned away at once. */
  maxQueued: number;
  /** A request that waited this long is turned away instead of being served late. */
  maxQueueWaitMs: number;
}

const RETRY_AFTER_SECONDS = 2;

function turnAway(res: express.Response): void {
  res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(503).json({ message: 'Сервер перегружен. Повторите запрос через несколько секунд.', errors: [{ message: 'Сервер перегружен. Повторите запрос через несколько секунд.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
}

/**
 * Under overload the server sheds what it cannot serve quickly: a bounded line of requests in
 * front of a bounded number being served, so an accepted request waits at most `maxQueueWaitMs`
 * and the others get 503 with Retry-After at once instead of timing out after half a minute.
 */
export function admissionGate(settings: AdmissionSettings): express.RequestHandler {
  const limit = pLimit(settings.maxInFlight);
  return (req, res, next) => {
    if (limit.pendingCount >= settings.maxQueued) {
      turnAway(res);
      return;
    }
    const queuedAt = performance.now();
    void limit(
      () =>
        new Promise<void>((done) => {
          if (res.destroyed || req.destroyed) return done();
          if (performance.now() - queuedAt > settings.maxQueueWaitMs) {
            turnAway(res);
            return done();
          }
          res.once('close', () => done());
          next();
        }),
    );
  };
}
