import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadTopicCatalog } from '@tributary/contract';
import type { z } from 'zod';
import { isIngressError } from '../errors/ingress-error.ts';
import { defaultIngressConfig } from './default-ingress-config.ts';
import type { ingressConfigSchema } from './ingress-config.ts';
import { resolveIngressConfig } from './resolve-ingress-config.ts';

// Compile-time check: the documented config type is accepted by the schema as input.
const _typed: z.input<typeof ingressConfigSchema> = defaultIngressConfig;

const catalog = loadTopicCatalog();
const minimal = (source: Record<string, unknown>) => ({
  sources: {
    hooks: { verification: { scheme: 'github' }, eventType: [{ value: 'x' }], ...source },
  },
});

function problemOf(input: unknown, env: Record<string, string> = {}, withCatalog = false): string {
  try {
    resolveIngressConfig(input, { env, ...(withCatalog ? { catalog } : {}) });
  } catch (error: unknown) {
    assert.ok(isIngressError(error, 'config_invalid'), `config_invalid, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

describe('resolveIngressConfig', () => {
  it('serves the six bundled sources on port 8080, each to webhooks.<source>.v1', () => {
    const { config } = resolveIngressConfig(defaultIngressConfig, { env: {}, catalog });

    assert.deepEqual(
      [...config.sources.keys()],
      ['github', 'stripe', 'shopify', 'slack', 'standard', 'generic'],
    );
    for (const source of config.sources.values()) {
      assert.equal(source.topic, `webhooks.${source.name}.v1`);
      assert.equal(source.secretsEnv, `TRIBUTARY_SECRET_${source.name.toUpperCase()}`);
      assert.equal(source.maxBodyBytes, catalog.ingressMaxBodyBytes);
    }
    assert.equal(config.server.port, 8080);
  });

  it('gives GitHub, which never retries, no rate limit, and every other source one', () => {
    const { config } = resolveIngressConfig(defaultIngressConfig, { env: {} });

    assert.equal(config.sources.get('github')?.rateLimit, null);
    for (const name of ['stripe', 'shopify', 'slack', 'standard', 'generic']) {
      assert.notEqual(config.sources.get(name)?.rateLimit, null, name);
    }
  });

  it('reads comma-separated secrets, trimmed, labelled by position, and lists sources left without', () => {
    const env = { TRIBUTARY_SECRET_GITHUB: ' new-secret , old-secret ' };

    const { config, sourcesWithoutSecrets } = resolveIngressConfig(defaultIngressConfig, { env });

    assert.deepEqual(config.sources.get('github')?.secrets, [
      { label: '0', value: 'new-secret' },
      { label: '1', value: 'old-secret' },
    ]);
    assert.deepEqual(sourcesWithoutSecrets, ['stripe', 'shopify', 'slack', 'standard', 'generic']);
  });

  it('applies the topic prefix and freezes the result', () => {
    const { config } = resolveIngressConfig({ ...minimal({}), topicPrefix: 'run1.' }, { env: {} });

    assert.equal(config.sources.get('hooks')?.topic, 'run1.webhooks.hooks.v1');
    assert.ok(Object.isFrozen(config.sources.get('hooks')));
    assert.ok(Object.isFrozen(config.publish));
  });

  it('names the variable of a secret its scheme cannot use, never the secret', () => {
    const input = {
      sources: {
        std: { verification: { scheme: 'standard-webhooks' }, eventType: [{ pointer: '/type' }] },
      },
    };

    const problem = problemOf(input, { TRIBUTARY_SECRET_STD: 'whsec_not*base64!' });

    assert.match(problem, /TRIBUTARY_SECRET_STD/);
    assert.match(problem, /unusable_secret/);
    assert.doesNotMatch(problem, /not\*base64/);
  });

  const invalidCases: Array<{
    name: string;
    input: unknown;
    env?: Record<string, string>;
    catalog?: boolean;
    says: RegExp;
  }> = [
    { name: 'no sources', input: { sources: {} }, says: /at least one source/ },
    { name: 'an unknown top-level key', input: { ...minimal({}), srever: {} }, says: /srever/ },
    {
      name: 'an upper-case source name',
      input: { sources: { GitHub: minimal({}).sources.hooks } },
      says: /GitHub/,
    },
    {
      name: 'an unknown scheme',
      input: minimal({ verification: { scheme: 'gitlab' } }),
      says: /scheme/,
    },
    {
      name: 'an unknown verifier option',
      input: minimal({ verification: { scheme: 'github', tolerance: 3 } }),
      says: /tolerance/,
    },
    { name: 'no event type locator', input: minimal({ eventType: [] }), says: /eventType/ },
    {
      name: 'a pointer without a leading slash',
      input: minimal({ eventId: [{ pointer: 'id' }] }),
      says: /eventId\[0\]\.pointer/,
    },
    {
      name: 'a signature header in the allow-list',
      input: minimal({ headers: ['X-Hub-Signature-256'] }),
      says: /credential/,
    },
    { name: 'an unknown gzip policy', input: minimal({ gzip: 'inflate' }), says: /gzip/ },
    {
      name: 'a malformed broker address',
      input: { ...minimal({}), kafka: { brokers: ['localhost'] } },
      says: /host:port/,
    },
    {
      name: 'an empty secret in the list',
      input: minimal({}),
      env: { TRIBUTARY_SECRET_HOOKS: 'a,,b' },
      says: /TRIBUTARY_SECRET_HOOKS: entry 1/,
    },
    { name: 'envelope major 2', input: minimal({ topic: { major: 2 } }), says: /major 1/ },
    {
      name: 'a body limit over the catalog',
      input: { sources: { github: { ...minimal({}).sources.hooks, maxBodyBytes: 4_000_000 } } },
      catalog: true,
      says: /ingressMaxBodyBytes/,
    },
    {
      name: 'a topic the catalog does not declare',
      input: minimal({}),
      catalog: true,
      says: /webhooks\.hooks\.v1 is not declared/,
    },
  ];
  for (const { name, input, env, catalog: withCatalog, says } of invalidCases) {
    it(`refuses ${name} with config_invalid saying where`, () => {
      assert.match(problemOf(input, env, withCatalog), says);
    });
  }
});
