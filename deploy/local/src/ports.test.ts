import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StackError } from './errors.ts';
import { DEFAULT_PORTS, duplicatePorts, portTable, resolveAddresses } from './ports.ts';

describe('resolveAddresses', () => {
  test('with an empty environment, every port is the default', () => {
    const a = resolveAddresses({});

    assert.equal(a.host, '127.0.0.1');
    assert.equal(a.kafkaBroker, DEFAULT_PORTS.kafkaBroker);
    assert.equal(a.registryHttp, DEFAULT_PORTS.registryHttp);
    assert.equal(a.jaegerOtlpHttp, DEFAULT_PORTS.jaegerOtlpHttp);
    assert.equal(a.jaegerQueryHttp, DEFAULT_PORTS.jaegerQueryHttp);
  });

  const overrides = [
    { env: { KAFKA_BROKERS: '127.0.0.1:19092' }, key: 'kafkaBroker', port: 19092 },
    { env: { KAFKA_BROKERS: 'localhost:19093,127.0.0.1:19094' }, key: 'kafkaBroker', port: 19093 },
    {
      env: { SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081/apis/ccompat/v7' },
      key: 'registryHttp',
      port: 18081,
    },
    {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:14318' },
      key: 'jaegerOtlpHttp',
      port: 14318,
    },
    { env: { JAEGER_QUERY_URL: 'http://127.0.0.1:26686' }, key: 'jaegerQueryHttp', port: 26686 },
    { env: { TRIBUTARY_KAFKA_CONTROLLER_PORT: '19193' }, key: 'kafkaController', port: 19193 },
    { env: { TRIBUTARY_JAEGER_HEALTH_PORT: '23133' }, key: 'jaegerHealth', port: 23133 },
  ] as const;
  for (const { env, key, port } of overrides) {
    test(`${Object.keys(env)[0]} moves ${key} to ${port}`, () => {
      assert.equal(resolveAddresses(env)[key], port);
    });
  }

  const refusals = [
    { env: { KAFKA_BROKERS: 'kafka.example:9092' }, says: /KAFKA_BROKERS points at kafka.example/ },
    {
      env: { SCHEMA_REGISTRY_URL: 'http://10.0.0.5:8081' },
      says: /SCHEMA_REGISTRY_URL points at 10\.0\.0\.5/,
    },
    {
      env: { TRIBUTARY_JAEGER_HEALTH_PORT: 'abc' },
      says: /TRIBUTARY_JAEGER_HEALTH_PORT=abc is not a port/,
    },
    { env: { TRIBUTARY_KAFKA_CONTROLLER_PORT: '70000' }, says: /is not a port number/ },
    { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://[' }, says: /is not an address/ },
  ];
  for (const { env, says } of refusals) {
    test(`refuses ${JSON.stringify(env)} with INVALID_CONFIG`, () => {
      assert.throws(
        () => resolveAddresses(env),
        (error: unknown) =>
          error instanceof StackError &&
          error.code === 'INVALID_CONFIG' &&
          says.test(error.message),
      );
    });
  }
});

describe('portTable', () => {
  test('lists every port once with the variable that moves it', () => {
    const table = portTable(resolveAddresses({}));

    assert.equal(table.length, Object.keys(DEFAULT_PORTS).length);
    assert.deepEqual(duplicatePorts(table), []);
    assert.ok(table.every((row) => row.envVar.length > 0));
  });

  test('a port configured for two purposes is reported as a duplicate', () => {
    const table = portTable(resolveAddresses({ TRIBUTARY_JAEGER_HEALTH_PORT: '9092' }));

    const duplicates = duplicatePorts(table);

    assert.equal(duplicates.length, 1);
    assert.equal(duplicates[0]?.port, 9092);
  });
});
