import { parentPort, workerData } from 'node:worker_threads';
import { loadTest } from 'loadtest';
import { enpCheckDigit } from '../shared/identifiers.js';

/**
 * Registrations at a constant arrival rate, in a worker thread of the bench (its own event loop,
 * so the sender neither delays the server nor is delayed by it). Open model: a request leaves
 * every 1/rate seconds whatever the earlier ones are doing, as when many experts work at once;
 * latency is counted from sending.
 */
export interface RegistrationLoad {
  url: string;
  token: string;
  moId: string;
  bureauId: string;
  rate: number;
  seconds: number;
}

export interface RegistrationLoadResult {
  sent: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
  /** Registered, with the latency of those alone (under overload the others are turned away fast). */
  accepted: number;
  acceptedP50: number;
  acceptedP99: number;
  /** Turned away with 503 and Retry-After by the admission gate. */
  shed: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

const REGISTER = `mutation($input: RegisterRefusalCaseInput!) { registerRefusalCase(input: $input) { result { id } errors { message } } }`;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function run(load: RegistrationLoad): Promise<RegistrationLoadResult> {
  // Recent refusals, as in daily work: outside the synthetic quarters that the report is timed on.
  const referralDate = daysAgo(30);
  const refusalDate = daysAgo(10);
  let counter = Date.now() % 100_000_000;
  let failed = 0;
  let shed = 0;
  const acceptedMs: number[] = [];
  const result = await loadTest({
    url: `${load.url}/graphql`,
    method: 'POST',
    contentType: 'application/json',
    headers: { authorization: `Bearer ${load.token}` },
    requestsPerSecond: load.rate,
    maxSeconds: load.seconds,
    agentKeepAlive: true,
    quiet: true,
    body: () => {
      counter += 1;
      const first15 = `9${String(counter).padStart(14, '0')}`;
      const input = {
        person: { enp: `${first15}${enpCheckDigit(first15)}`, surname: 'Нагрузочный', name: 'Тест', birthDate: '1970-01-01', sex: 'MALE' },
        moId: load.moId,
        bureauId: load.bureauId,
        referralNumber: '088-Н',
        referralDate,
        refusalDate,
        refusalDocumentNumber: 'Н-1',
        mainDiagnosis: 'I63.5',
        missingExaminations: [{ name: 'МРТ', namedByBureau: false }],
      };
      return JSON.stringify({ query: REGISTER, variables: { input } });
    },
    statusCallback: (error, response) => {
      if (response?.statusCode === 503) shed += 1;
      else if (error || !response?.body.includes('"errors":[]')) failed += 1;
      else acceptedMs.push((response as unknown as { requestElapsed: number }).requestElapsed);
    },
  });
  return {
    sent: result.totalRequests,
    perSecond: result.effectiveRps,
    p50: result.percentiles[50],
    p95: result.percentiles[95],
    p99: result.percentiles[99],
    failed: Math.max(0, failed + result.totalErrors - shed),
    accepted: acceptedMs.length,
    acceptedP50: percentile(
      acceptedMs.sort((a, b) => a - b),
      50,
    ),
    acceptedP99: percentile(acceptedMs, 99),
    shed,
  };
}

if (parentPort) {
  const load = workerData as RegistrationLoad;
  // As for the other measurements, a warm-up first: compiled code paths, cached index pages.
  await run({ ...load, seconds: Math.min(10, load.seconds) });
  parentPort.postMessage(await run(load));
}
