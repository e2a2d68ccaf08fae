import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadTopicCatalog } from '@tributary/contract';
import { createLogger } from '@tributary/logger';
import { isRuntimeError } from '../errors/runtime-error.ts';
import { resolveServiceConfig } from './service-config.ts';
import type { ServiceDefinition } from './service-definition.ts';
import type { StartServiceOptions } from './start-options.ts';

const catalog = loadTopicCatalog(
  fileURLToPath(new URL('../../test/fixtures/catalog.yaml', import.meta.url)),
);
const definition: ServiceDefinition = {
  name: 'billing',
  eventTypes: ['order.paid'],
  handler: async () => {},
};
const options: StartServiceOptions = {
  brokers: ['127.0.0.1:9092'],
  schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
  catalog,
  prefix: 'p.',
  logger: createLogger({ serviceName: 'test', level: 'silent' }),
};

describe('resolveServiceConfig', () => {
  test('reads tiers, attempts and window from the catalog and applies the defaults', () => {
    const config = resolveServiceConfig(definition, options);

    assert.equal(config.topology.groupId, 'p.billing');
    assert.equal(config.topology.maxAttempts, 3);
    assert.deepEqual(
      [...config.roles].map(([topic, role]) => [topic, role.kind]),
      [
        ['p.webhooks.orders.v1', 'source'],
        ['p.webhooks.orders.v1.billing.retry.1', 'tier'],
        ['p.webhooks.orders.v1.billing.retry.2', 'tier'],
      ],
    );
    assert.equal(config.definition.concurrency, 1);
    assert.equal(config.definition.handlerTimeoutMs, 30_000);
    assert.equal(config.options.sessionTimeoutMs, 30_000);
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.options));
  });

  const invalid: Array<{ name: string; definition?: object; options?: object; mentions: RegExp }> =
    [
      { name: 'no event types', definition: { eventTypes: [] }, mentions: /eventTypes/ },
      {
        name: 'a handler that is not a function',
        definition: { handler: 'x' },
        mentions: /handler/,
      },
      { name: 'a concurrency of 0', definition: { concurrency: 0 }, mentions: /concurrency/ },
      { name: 'a group the catalog lacks', definition: { name: 'shipping' }, mentions: /shipping/ },
      {
        name: 'a source the group does not read',
        definition: { sources: [{ source: 'stripe', major: 1 }] },
        mentions: /stripe/,
      },
      {
        name: 'a handler timeout at the rebalance timeout',
        definition: { handlerTimeoutMs: 60_000 },
        mentions: /handlerTimeoutMs/,
      },
      { name: 'no brokers', options: { brokers: [] }, mentions: /brokers/ },
      {
        name: 'a registry URL that is not one',
        options: { schemaRegistryUrl: 'registry' },
        mentions: /schemaRegistryUrl/,
      },
      {
        name: 'a heartbeat slower than the session',
        options: { heartbeatIntervalMs: 30_000 },
        mentions: /heartbeatIntervalMs/,
      },
      { name: 'a jitter ratio above 1', options: { jitterRatio: 2 }, mentions: /jitterRatio/ },
    ];
  for (const { name, definition: changes = {}, options: optionChanges = {}, mentions } of invalid) {
    test(`rejects ${name} with INVALID_DEFINITION naming it`, () => {
      assert.throws(
        () =>
          resolveServiceConfig(
            { ...definition, ...changes } as ServiceDefinition,
            { ...options, ...optionChanges } as StartServiceOptions,
          ),
        (error: unknown) =>
          isRuntimeError(error, 'INVALID_DEFINITION') && mentions.test(error.message),
      );
    });
  }
});
