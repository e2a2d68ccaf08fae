// A span recorded by a process started with the telemetry bootstrap reaches Jaeger over
// OTLP/HTTP, however the process ends: the exporter batches, so each ending has to flush.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stackEnv, uniqueName } from '../support/stack-env.ts';
import { waitFor } from '../support/wait-for.ts';
import { SMOKE_MARKER_ATTRIBUTE, SMOKE_SPAN_NAME } from './fixtures/smoke-span.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/emit-one-span.ts', import.meta.url));

interface JaegerSpan {
  operationName: string;
  processID: string;
  tags: Array<{ key: string; value: unknown }>;
}
interface JaegerTrace {
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: Array<{ key: string; value: unknown }> }>;
}

/** Runs the fixture under the bootstrap; resolves with how it ended and what it wrote. */
async function emitOneSpan(serviceName: string, marker: string, ending: string) {
  const child = spawn(
    process.execPath,
    ['--import', '@tributary/telemetry/register', FIXTURE, marker, ending],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        OTEL_SERVICE_NAME: serviceName,
        OTEL_EXPORTER_OTLP_ENDPOINT: stackEnv.otlpEndpoint,
      },
    },
  );
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => void output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void output.push(chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  if (ending === 'signal') {
    await waitFor(() => output.join('').includes('ready\n'), { what: 'the fixture to be ready' });
    child.kill('SIGTERM');
  }
  return { ...(await ended), output: output.join('') };
}

async function tracesOf(serviceName: string): Promise<JaegerTrace[]> {
  const url = `${stackEnv.jaegerQueryUrl}/api/traces?service=${encodeURIComponent(serviceName)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} for ${url}`);
  return ((await response.json()) as { data: JaegerTrace[] | null }).data ?? [];
}

const endings = [
  { ending: 'shutdown', what: 'awaiting shutdownTelemetry()', ended: { code: 0, signal: null } },
  { ending: 'drain', what: 'its event loop running dry', ended: { code: 0, signal: null } },
  {
    ending: 'signal',
    what: 'a SIGTERM it does not handle',
    ended: { code: null, signal: 'SIGTERM' },
  },
];

describe('telemetry bootstrap to Jaeger', () => {
  for (const { ending, what, ended } of endings) {
    test(`a span of a process ended by ${what} is found in Jaeger`, {
      timeout: 60_000,
    }, async () => {
      const serviceName = uniqueName('smoke-otel');
      const marker = randomUUID();

      const { code, signal, output } = await emitOneSpan(serviceName, marker, ending);
      const trace = await waitFor(
        async () => (await tracesOf(serviceName)).find((each) => each.spans.length > 0),
        { what: `a trace of ${serviceName} in Jaeger`, timeoutMs: 20_000, intervalMs: 250 },
      );

      assert.deepEqual({ code, signal }, ended, output);
      assert.equal(trace.spans.length, 1);
      const [span] = trace.spans;
      assert.equal(span?.operationName, SMOKE_SPAN_NAME);
      assert.equal(span?.tags.find((tag) => tag.key === SMOKE_MARKER_ATTRIBUTE)?.value, marker);
      const process = trace.processes[span?.processID ?? ''];
      assert.equal(process?.serviceName, serviceName);
      assert.match(
        String(process?.tags.find((tag) => tag.key === 'service.instance.id')?.value),
        /^[0-9a-f-]{36}$/,
      );
    });
  }
});
