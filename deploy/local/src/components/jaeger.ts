import { join } from 'node:path';
import type { Component, ComponentContext, ProcessSpec } from '../component.ts';
import { isInstalled, runFetchScript } from '../fetch.ts';
import { isHttpOk } from '../http-probe.ts';
import { requireCommand } from '../preflight.ts';

/** The newest approved Jaeger v2 release served by the Go module proxy here. */
export const JAEGER_VERSION = 'v1.75.0';

function installDir(ctx: ComponentContext): string {
  return join(ctx.layout.cacheDir, 'jaeger', JAEGER_VERSION);
}

/** Jaeger v2 all-in-one, built with the Go toolchain, in-memory storage, OTLP in. */
export const jaeger: Component = {
  name: 'jaeger',
  title: `Jaeger v2 (module ${JAEGER_VERSION})`,
  startTimeoutMs: 30_000,

  async install(ctx) {
    const dest = installDir(ctx);
    if (await isInstalled(dest)) return;
    await requireCommand('jaeger', 'go', 'the Go toolchain builds Jaeger');
    ctx.progress('jaeger: building Jaeger with the Go toolchain (first run only, a few minutes)');
    await runFetchScript(ctx, 'jaeger', 'jaeger.sh', [JAEGER_VERSION, dest]);
  },

  async prepare(ctx): Promise<ProcessSpec> {
    const a = ctx.addresses;
    return {
      command: join(installDir(ctx), 'jaeger'),
      args: ['--config', join(ctx.layout.deployDir, 'config', 'jaeger.yaml')],
      cwd: ctx.layout.stateDir,
      env: {
        JAEGER_OTLP_GRPC_ENDPOINT: `${a.host}:${a.jaegerOtlpGrpc}`,
        JAEGER_OTLP_HTTP_ENDPOINT: `${a.host}:${a.jaegerOtlpHttp}`,
        JAEGER_QUERY_HTTP_ENDPOINT: `${a.host}:${a.jaegerQueryHttp}`,
        JAEGER_QUERY_GRPC_ENDPOINT: `${a.host}:${a.jaegerQueryGrpc}`,
        JAEGER_HEALTH_ENDPOINT: `${a.host}:${a.jaegerHealth}`,
      },
      killTimeoutMs: 10_000,
    };
  },

  async probe(ctx) {
    const { host, jaegerHealth, jaegerQueryHttp } = ctx.addresses;
    const healthy = await isHttpOk(`http://${host}:${jaegerHealth}/status`);
    return healthy && (await isHttpOk(`http://${host}:${jaegerQueryHttp}/api/services`));
  },

  endpoints: (a) => ({
    UI: `http://${a.host}:${a.jaegerQueryHttp}/`,
    'OTLP HTTP': `http://${a.host}:${a.jaegerOtlpHttp}`,
    'OTLP gRPC': `http://${a.host}:${a.jaegerOtlpGrpc}`,
  }),
};
