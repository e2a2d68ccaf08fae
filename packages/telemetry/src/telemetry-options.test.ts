import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_OTLP_TRACES_URL,
  FALLBACK_SERVICE_NAME,
  type TelemetryEnv,
  telemetryOptionsFromEnv,
} from './telemetry-options.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('telemetryOptionsFromEnv', () => {
  const nameCases: Array<{ name: string; env: TelemetryEnv; serviceName: string }> = [
    {
      name: 'OTEL_SERVICE_NAME wins over the npm package name',
      env: { OTEL_SERVICE_NAME: 'ingress', npm_package_name: '@tributary/ingress' },
      serviceName: 'ingress',
    },
    {
      name: 'without OTEL_SERVICE_NAME, the npm package name is used',
      env: { npm_package_name: '@tributary/ingress' },
      serviceName: '@tributary/ingress',
    },
    {
      name: 'a blank OTEL_SERVICE_NAME counts as unset',
      env: { OTEL_SERVICE_NAME: '  ', npm_package_name: '@tributary/ingress' },
      serviceName: '@tributary/ingress',
    },
    {
      name: 'with neither, the fallback name is used',
      env: {},
      serviceName: FALLBACK_SERVICE_NAME,
    },
  ];
  for (const { name, env, serviceName } of nameCases) {
    test(`service name: ${name}`, () => {
      assert.equal(telemetryOptionsFromEnv(env).serviceName, serviceName);
    });
  }

  const urlCases: Array<{ name: string; env: TelemetryEnv; otlpTracesUrl: string | undefined }> = [
    {
      name: 'no endpoint variable gives the local default',
      env: {},
      otlpTracesUrl: DEFAULT_OTLP_TRACES_URL,
    },
    {
      name: 'OTEL_EXPORTER_OTLP_ENDPOINT leaves the URL to the exporter',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
      otlpTracesUrl: undefined,
    },
    {
      name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT leaves the URL to the exporter',
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' },
      otlpTracesUrl: undefined,
    },
  ];
  for (const { name, env, otlpTracesUrl } of urlCases) {
    test(`exporter URL: ${name}`, () => {
      assert.equal(telemetryOptionsFromEnv(env).otlpTracesUrl, otlpTracesUrl);
    });
  }

  const disabledCases: Array<{ value: string | undefined; disabled: boolean }> = [
    { value: undefined, disabled: false },
    { value: 'true', disabled: true },
    { value: 'TRUE', disabled: true },
    { value: 'false', disabled: false },
    { value: '1', disabled: false },
  ];
  for (const { value, disabled } of disabledCases) {
    test(`OTEL_SDK_DISABLED=${value ?? '(unset)'} gives disabled=${disabled}`, () => {
      assert.equal(telemetryOptionsFromEnv({ OTEL_SDK_DISABLED: value }).disabled, disabled);
    });
  }

  test('service version comes from npm_package_version and is absent without it', () => {
    assert.equal(telemetryOptionsFromEnv({ npm_package_version: '1.2.3' }).serviceVersion, '1.2.3');
    assert.equal(telemetryOptionsFromEnv({}).serviceVersion, undefined);
  });

  test('each call gets a new random service instance id', () => {
    const first = telemetryOptionsFromEnv({}).serviceInstanceId;
    const second = telemetryOptionsFromEnv({}).serviceInstanceId;

    assert.match(first, UUID);
    assert.notEqual(first, second);
  });
});
