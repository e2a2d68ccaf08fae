import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVerifier, schemeNames } from '@tributary/ingress';
import { listExamples } from './load-payload.ts';
import { sendSourceNames, sendSources } from './send-sources.ts';

describe('sendSources', () => {
  it('covers every verification scheme of the ingress', () => {
    const schemes = new Set(sendSourceNames.map((name) => sendSources[name].verification.scheme));

    assert.deepEqual([...schemes].sort(), [...schemeNames].sort());
  });

  for (const source of sendSourceNames) {
    it(`${source}: its verification config is valid for the ingress's createVerifier`, () => {
      assert.doesNotThrow(() => createVerifier(sendSources[source].verification));
    });

    it(`${source}: ships at least one built-in example`, () => {
      assert.ok(listExamples(source).length > 0);
    });
  }

  it('generic signs sha256 hex with a sha256= prefix in x-signature, over a timestamp in x-timestamp', () => {
    assert.deepEqual(sendSources.generic.verification, {
      scheme: 'generic-hmac',
      signatureHeaderName: 'x-signature',
      algorithm: 'sha256',
      encoding: 'hex',
      signaturePrefix: 'sha256=',
      deliveryIdHeaderName: 'x-event-id',
      timestamp: { headerName: 'x-timestamp' },
    });
  });
});
