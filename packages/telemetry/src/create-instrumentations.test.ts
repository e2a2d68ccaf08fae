import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { createInstrumentations } from './create-instrumentations.ts';

describe('createInstrumentations', () => {
  const instrumentations = createInstrumentations();
  after(() => {
    for (const each of instrumentations) each.disable();
  });

  test('traces outgoing HTTP only: services start the server spans they want themselves', () => {
    const http = instrumentations.find((each) => each instanceof HttpInstrumentation);
    assert.ok(http, 'the HTTP instrumentation is there');
    assert.equal(http.getConfig().disableIncomingRequestInstrumentation, true);
    assert.equal(http.getConfig().disableOutgoingRequestInstrumentation, undefined);
  });

  test('has no express instrumentation', () => {
    const names = instrumentations.map((each) => each.instrumentationName);
    assert.ok(!names.some((name) => name.includes('express')), names.join(', '));
  });
});
