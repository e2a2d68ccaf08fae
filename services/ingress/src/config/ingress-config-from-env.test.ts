import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isIngressError } from '../errors/ingress-error.ts';
import { ingressConfigFromEnv } from './ingress-config-from-env.ts';
import { resolveIngressConfig } from './resolve-ingress-config.ts';

describe('ingressConfigFromEnv', () => {
  it('without variables, is the bundled default', async () => {
    const { origin, input } = await ingressConfigFromEnv({});

    const { config } = resolveIngressConfig(input, { env: {} });
    assert.equal(origin, 'bundled default');
    assert.equal(config.server.port, 8080);
    assert.deepEqual(config.kafka.brokers, ['127.0.0.1:9092']);
    assert.equal(config.registry.url, 'http://127.0.0.1:8081/apis/ccompat/v7');
    assert.equal(config.registry.writerIdBy, 'lookup');
    assert.equal(config.topicPrefix, '');
    assert.equal(config.server.reusePort, false);
  });

  it('overrides host, port, brokers, registry, registration and prefix from the environment', async () => {
    const { input } = await ingressConfigFromEnv({
      TRIBUTARY_INGRESS_HOST: '127.0.0.1',
      TRIBUTARY_INGRESS_PORT: '9999',
      KAFKA_BROKERS: 'a:1, b:2',
      SCHEMA_REGISTRY_URL: 'http://registry:8081/apis/ccompat/v7',
      TRIBUTARY_REGISTER_SCHEMAS: 'true',
      TRIBUTARY_TOPIC_PREFIX: 'staging.',
      TRIBUTARY_INGRESS_METRICS_PORT: '9464',
    });

    const { config } = resolveIngressConfig(input, { env: {} });
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.server.port, 9999);
    assert.equal(config.server.metricsPort, 9464);
    assert.deepEqual(config.kafka.brokers, ['a:1', 'b:2']);
    assert.equal(config.registry.url, 'http://registry:8081/apis/ccompat/v7');
    assert.equal(config.registry.writerIdBy, 'register');
    assert.equal(config.sources.get('github')?.topic, 'staging.webhooks.github.v1');
  });

  it('shares the port with TRIBUTARY_INGRESS_REUSE_PORT=1 or true, not with 0 or false', async () => {
    for (const [text, expected] of [
      ['1', true],
      ['true', true],
      ['TRUE', true],
      ['0', false],
      ['false', false],
    ] as const) {
      const { input } = await ingressConfigFromEnv({ TRIBUTARY_INGRESS_REUSE_PORT: text });
      const { config } = resolveIngressConfig(input, { env: {} });
      assert.equal(config.server.reusePort, expected, text);
    }
  });

  it('refuses a yes-or-no variable that is neither, naming it', async () => {
    for (const name of ['TRIBUTARY_INGRESS_REUSE_PORT', 'TRIBUTARY_REGISTER_SCHEMAS']) {
      await assert.rejects(
        ingressConfigFromEnv({ [name]: 'yes' }),
        (error: unknown) =>
          isIngressError(error, 'config_invalid') &&
          error.message === `${name} must be 1, true, 0 or false, not "yes"`,
      );
    }
  });

  it('leaves a malformed port for validation to refuse', async () => {
    const { input } = await ingressConfigFromEnv({ TRIBUTARY_INGRESS_PORT: 'eighty' });

    assert.throws(
      () => resolveIngressConfig(input, { env: {} }),
      (error: unknown) =>
        isIngressError(error, 'config_invalid') && /server\.port/.test(error.message),
    );
  });

  it('reads the JSON file TRIBUTARY_INGRESS_CONFIG names, and refuses an unreadable one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ingress-config-'));
    try {
      const file = join(dir, 'ingress.json');
      const sources = {
        hooks: { verification: { scheme: 'github' }, eventType: [{ value: 'x' }] },
      };
      await writeFile(file, JSON.stringify({ sources }));
      await writeFile(join(dir, 'broken.json'), '{ not json');

      const { origin, input } = await ingressConfigFromEnv({ TRIBUTARY_INGRESS_CONFIG: file });

      assert.equal(origin, file);
      assert.deepEqual(
        [...resolveIngressConfig(input, { env: {} }).config.sources.keys()],
        ['hooks'],
      );
      await assert.rejects(
        ingressConfigFromEnv({ TRIBUTARY_INGRESS_CONFIG: join(dir, 'broken.json') }),
        (error: unknown) => isIngressError(error, 'config_invalid'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
