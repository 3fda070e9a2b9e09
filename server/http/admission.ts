import { monitorEventLoopDelay } from 'node:perf_hooks';
import type express from 'express';
import pLimit from 'p-limit';

export interface AdmissionSettings {
  /** Requests served at once; the rest wait in line. */
  maxInFlight: number;
  /** Requests that may wait; one more is turned away at once. */
  maxQueued: number;
  /** A request that waited this long is turned away instead of being served late. */
  maxQueueWaitMs: number;
  /**
   * While the event loop runs this late, new requests are turned away at once: under CPU
   * saturation requests wait before any handler runs, where the line's own timer cannot see them.
   */
  maxEventLoopDelayMs: number;
}

/**
 * How late the event loop runs, as the median delay of its 10 ms ticks over the last second: a
 * sustained overload delays every tick, while one long synchronous piece of work (an export being
 * built) delays one tick and does not count. A second with fewer than five ticks was one long block,
 * not an overload, and reads as on time.
 */
function eventLoopDelayGauge(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let recentMs = 0;
  const timer = setInterval(() => {
    recentMs = histogram.count >= 5 ? histogram.percentile(50) / 1e6 : 0;
    histogram.reset();
  }, 1000);
  timer.unref();
  return () => recentMs;
}

const RETRY_AFTER_SECONDS = 2;
const OVERLOADED = 'Сервер перегружен. Повторите запрос через несколько секунд.';

function turnAway(res: express.Response): void {
  res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(503).json({ message: OVERLOADED, errors: [{ message: OVERLOADED, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
}

/**
 * Under overload the server sheds what it cannot serve quickly: a bounded line of requests in
 * front of a bounded number being served, so an accepted request waits at most `maxQueueWaitMs`
 * and the others get 503 with Retry-After at once instead of timing out after half a minute.
 */
export function admissionGate(settings: AdmissionSettings): express.RequestHandler {
  const limit = pLimit(settings.maxInFlight);
  const eventLoopDelay = eventLoopDelayGauge();
  return (req, res, next) => {
    if (limit.pendingCount >= settings.maxQueued || eventLoopDelay() > settings.maxEventLoopDelayMs) {
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
