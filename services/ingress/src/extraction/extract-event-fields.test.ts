import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIngressError } from '../errors/ingress-error.ts';
import {
  deriveEventId,
  type EventFieldLocators,
  extractEventFields,
  maxEventFieldChars,
} from './extract-event-fields.ts';
import { type FieldLocator, type ResolvedLocator, resolveLocator } from './field-locator.ts';
import { bodyKindOf, parseBodyDocument } from './parse-body-document.ts';

const digest = 'ab'.repeat(32);

function locators(config: {
  eventId?: FieldLocator[];
  eventType?: FieldLocator[];
  partitionKey?: FieldLocator[];
}): EventFieldLocators {
  const resolve = (list: FieldLocator[] = []) =>
    list.map((locator) => resolveLocator(locator) as ResolvedLocator);
  return {
    eventId: resolve(config.eventId),
    eventType: resolve(config.eventType),
    partitionKey: resolve(config.partitionKey),
  };
}

describe('extractEventFields', () => {
  it('reads id, type and key from headers and JSON pointers', () => {
    const fields = extractEventFields(
      'stripe',
      digest,
      locators({
        eventId: [{ pointer: '/id' }],
        eventType: [{ header: 'X-Event-Type' }],
        partitionKey: [{ pointer: '/data/object/id' }],
      }),
      {
        headers: { 'x-event-type': ['charge.succeeded'] },
        document: { id: 'evt_1', data: { object: { id: 'ch_9' } } },
      },
    );

    assert.deepEqual(fields, {
      eventId: 'evt_1',
      eventIdDerived: false,
      eventType: 'charge.succeeded',
      partitionKey: 'ch_9',
    });
  });

  it('when no id is found, derives it from the source and body digest and keys by it', () => {
    const fields = extractEventFields(
      'generic',
      digest,
      locators({ eventType: [{ value: 'x' }] }),
      {
        headers: {},
        document: {},
      },
    );

    assert.equal(fields.eventId, deriveEventId('generic', digest));
    assert.equal(fields.eventId, `generic:sha256:${digest}`);
    assert.equal(fields.eventIdDerived, true);
    assert.equal(fields.partitionKey, fields.eventId);
  });

  it('tries locators in order and skips empty, repeated or non-scalar values', () => {
    const fields = extractEventFields(
      'slack',
      digest,
      locators({
        eventType: [
          { header: 'x-type' },
          { pointer: '/event/type' },
          { pointer: '/empty' },
          { pointer: '/type' },
        ],
        partitionKey: [{ pointer: '/shop/id' }],
      }),
      {
        headers: { 'x-type': ['a', 'b'] },
        document: {
          event: { type: { nested: true } },
          empty: '',
          type: 'message',
          shop: { id: 42 },
        },
      },
    );

    assert.equal(fields.eventType, 'message');
    assert.equal(fields.partitionKey, '42');
  });

  it('when no event type is found, throws missing_event_type', () => {
    assert.throws(
      () =>
        extractEventFields(
          'github',
          digest,
          locators({ eventType: [{ header: 'x-github-event' }] }),
          {
            headers: {},
            document: undefined,
          },
        ),
      (error: unknown) => isIngressError(error, 'missing_event_type'),
    );
  });

  it(`when a value is longer than ${maxEventFieldChars} characters, throws invalid_event_field`, () => {
    assert.throws(
      () =>
        extractEventFields('generic', digest, locators({ eventType: [{ pointer: '/t' }] }), {
          headers: {},
          document: { t: 'x'.repeat(maxEventFieldChars + 1) },
        }),
      (error: unknown) => isIngressError(error, 'invalid_event_field'),
    );
  });

  it('refuses an invalid pointer when locators are prepared', () => {
    assert.equal(typeof resolveLocator({ pointer: 'type' }), 'string');
  });
});

describe('parseBodyDocument', () => {
  const kindCases = [
    { mediaType: 'application/json', kind: 'json' },
    { mediaType: 'application/cloudevents+json', kind: 'json' },
    { mediaType: 'application/x-www-form-urlencoded', kind: 'form' },
    { mediaType: 'text/plain', kind: 'text' },
    { mediaType: 'application/octet-stream', kind: 'opaque' },
  ];
  for (const { mediaType, kind } of kindCases) {
    it(`reads ${mediaType} as ${kind}`, () => {
      assert.equal(bodyKindOf(mediaType), kind);
    });
  }

  it('gives form fields as an object, first value of a repeated field, __proto__ as data', () => {
    const fields = parseBodyDocument(Buffer.from('a=1&b=%2Fx&a=2&__proto__=p'), 'form');

    assert.deepEqual({ ...(fields as object) }, { a: '1', b: '/x', ['__proto__']: 'p' });
    assert.equal(Object.getPrototypeOf(fields), Object.prototype);
  });

  const failureCases = [
    { name: 'truncated JSON', body: Buffer.from('{"a":'), kind: 'json', code: 'malformed_json' },
    { name: 'an empty JSON body', body: Buffer.alloc(0), kind: 'json', code: 'malformed_json' },
    {
      name: 'JSON in Latin-1',
      body: Buffer.from('{"name":"caf\xe9"}', 'latin1'),
      kind: 'json',
      code: 'invalid_utf8',
    },
    {
      name: 'a form with a stray byte',
      body: Buffer.from([0x61, 0x3d, 0xff]),
      kind: 'form',
      code: 'invalid_utf8',
    },
  ] as const;
  for (const { name, body, kind, code } of failureCases) {
    it(`when the body is ${name}, throws ${code}`, () => {
      assert.throws(
        () => parseBodyDocument(body, kind),
        (error: unknown) => isIngressError(error, code),
      );
    });
  }

  it('passes opaque bodies unchecked', () => {
    assert.equal(parseBodyDocument(Buffer.from([0xff, 0x00]), 'opaque'), undefined);
  });
});
