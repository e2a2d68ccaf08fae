import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliSettingsFrom } from './cli-settings.ts';

describe('cliSettingsFrom', () => {
  it('without variables, uses the conventional local ports and the checkout dev secrets file', () => {
    assert.deepEqual(cliSettingsFrom({}, '/repo'), {
      brokers: ['127.0.0.1:9092'],
      registryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
      ingressBaseUrl: 'http://127.0.0.1:8080',
      devSecretsFile: '/repo/.local/dev-secrets.env',
    });
  });

  it('reads each setting from its variable, splitting and trimming the broker list', () => {
    const settings = cliSettingsFrom(
      {
        KAFKA_BROKERS: ' a:1, b:2 ,',
        SCHEMA_REGISTRY_URL: 'http://r:18081/apis/ccompat/v7',
        TRIBUTARY_INGRESS_URL: 'http://i:9',
        TRIBUTARY_DEV_SECRETS_FILE: '/tmp/s.env',
      },
      '/repo',
    );

    assert.deepEqual(settings, {
      brokers: ['a:1', 'b:2'],
      registryUrl: 'http://r:18081/apis/ccompat/v7',
      ingressBaseUrl: 'http://i:9',
      devSecretsFile: '/tmp/s.env',
    });
  });

  it('treats a blank variable as unset', () => {
    assert.equal(
      cliSettingsFrom({ TRIBUTARY_INGRESS_URL: '  ' }).ingressBaseUrl,
      'http://127.0.0.1:8080',
    );
  });
});
