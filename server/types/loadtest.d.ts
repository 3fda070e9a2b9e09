// The package's own declarations predate its promise API and its generated bodies.
declare module 'loadtest' {
  interface LoadTestResult {
    totalRequests: number;
    totalErrors: number;
    effectiveRps: number;
    meanLatencyMs: number;
    maxLatencyMs: number;
    percentiles: Record<50 | 90 | 95 | 99, number>;
    errorCodes: Record<string, number>;
  }
  interface LoadTestOptions {
    url: string;
    method?: 'GET' | 'POST';
    contentType?: string;
    headers?: Record<string, string>;
    /** Requests sent per second whatever the answers (an open model: slow answers do not slow the sender). */
    requestsPerSecond?: number;
    maxSeconds?: number;
    agentKeepAlive?: boolean;
    quiet?: boolean;
    body?: string | ((requestId: string) => string);
    statusCallback?: (error: unknown, result: { statusCode: number; body: string; requestElapsed: number } | undefined) => void;
  }
  export function loadTest(options: LoadTestOptions): Promise<LoadTestResult>;
}
