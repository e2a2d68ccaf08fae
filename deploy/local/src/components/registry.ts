import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Component, ComponentContext, ProcessSpec } from '../component.ts';
import { isInstalled, runFetchScript } from '../fetch.ts';
import { isHttpOk } from '../http-probe.ts';
import { findJava } from '../preflight.ts';

export const REGISTRY_VERSION = '3.3.3';
/** Apicurio Registry 3.3 is compiled for Java 21 (class file version 65). */
const MIN_JAVA = 21;
const COMPATIBILITY = 'FULL_TRANSITIVE';

function installDir(ctx: ComponentContext): string {
  return join(ctx.layout.cacheDir, 'registry', REGISTRY_VERSION);
}

/** Apicurio Registry serving the Confluent-compatible REST API, schemas kept in an H2 file. */
export const registry: Component = {
  name: 'registry',
  title: `Apicurio Registry ${REGISTRY_VERSION}`,
  startTimeoutMs: 90_000,

  async install(ctx) {
    await findJava('registry', MIN_JAVA, 'TRIBUTARY_REGISTRY_JAVA_HOME', ctx.env);
    const dest = installDir(ctx);
    if (await isInstalled(dest)) return;
    ctx.progress(`registry: fetching ${this.title} from Maven Central with mvn (first run only)`);
    await runFetchScript(ctx, 'registry', 'registry.sh', [REGISTRY_VERSION, dest]);
  },

  async prepare(ctx): Promise<ProcessSpec> {
    const java = await findJava('registry', MIN_JAVA, 'TRIBUTARY_REGISTRY_JAVA_HOME', ctx.env);
    const dir = join(ctx.layout.stateDir, 'registry');
    const { host, registryHttp, registryManagement } = ctx.addresses;
    await mkdir(join(dir, 'data'), { recursive: true });

    return {
      command: java,
      args: [
        '-Xmx512m',
        `-Dquarkus.http.host=${host}`,
        `-Dquarkus.http.port=${registryHttp}`,
        `-Dquarkus.management.host=${host}`,
        `-Dquarkus.management.port=${registryManagement}`,
        // A file database keeps registered schemas (and their ids) across restarts.
        `-Dapicurio.datasource.url=jdbc:h2:file:${join(dir, 'data', 'registry')}`,
        `-Dapicurio.rules.global.compatibility=${COMPATIBILITY}`,
        '-Dquarkus.otel.sdk.disabled=true',
        '-jar',
        join(installDir(ctx), 'quarkus-run.jar'),
      ],
      cwd: dir,
      env: {},
      killTimeoutMs: 15_000,
    };
  },

  async probe(ctx) {
    const { host, registryHttp, registryManagement } = ctx.addresses;
    const ready = await isHttpOk(`http://${host}:${registryManagement}/health/ready`);
    return ready && (await isHttpOk(`http://${host}:${registryHttp}/apis/ccompat/v7/config`));
  },

  endpoints: (a) => ({
    'Confluent API': `http://${a.host}:${a.registryHttp}/apis/ccompat/v7`,
    UI: `http://${a.host}:${a.registryHttp}/`,
  }),
};
