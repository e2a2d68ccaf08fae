import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

/** One load run against one URL. */
export interface HttpLoadOptions {
  url: string;
  /** Open connections, each with one request in flight. */
  concurrency: number;
  /** How long the run lasts, in seconds. */
  durationSeconds: number;
  headers: Record<string, string>;
  body: Buffer;
  /**
   * A header given a fresh UUID on every request (the provider's delivery id), so every
   * delivery is a distinct event downstream. Default none.
   */
  uniqueHeader?: string;
  /** Requests per second over all connections; absent: as fast as the server answers. */
  overallRate?: number;
}

/** What a run measured. Latencies in milliseconds. */
export interface HttpLoadResult {
  /** 2xx answers in all. */
  accepted: number;
  /** 2xx answers per second over the run. */
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx, and transport errors and timeouts. */
  non2xx: number;
  errors: number;
}

/** Runs autocannon (POST, no pipelining) and reports 2xx/s and latency percentiles. */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const { uniqueHeader } = options;
  const result = await autocannon({
    url: options.url,
    connections: options.concurrency,
    pipelining: 1,
    duration: options.durationSeconds,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    requests: [
      {
        method: 'POST',
        headers: options.headers,
        body: options.body,
        ...(uniqueHeader === undefined
          ? {}
          : {
              setupRequest: (request) => ({
                ...request,
                headers: { ...request.headers, [uniqueHeader]: randomUUID() },
              }),
            }),
      },
    ],
  });
  return {
    accepted: result['2xx'],
    acceptedPerSecond: Math.round(result['2xx'] / options.durationSeconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
