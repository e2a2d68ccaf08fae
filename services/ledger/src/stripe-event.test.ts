import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PermanentError } from '@tributary/consumer-runtime';
import { ledgerEventTypes } from './ledger-event-types.ts';
import { parseStripeEvent } from './stripe-event.ts';

const example = readFileSync(
  new URL('../../../packages/cli/examples/stripe/payment_intent.succeeded.json', import.meta.url),
);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseStripeEvent', () => {
  test('reads the id, type, created and the object of the CLI example', () => {
    const event = parseStripeEvent(example);

    assert.equal(event.id, 'evt_3PgTrbExample0001');
    assert.equal(event.type, 'payment_intent.succeeded');
    assert.equal(event.createdSeconds, 1721901234);
    assert.deepEqual(
      { ...event.object, json: undefined },
      {
        id: 'pi_3PgTrbExample0001',
        type: 'payment_intent',
        status: 'succeeded',
        amount: 4200,
        currency: 'eur',
        customer: 'cus_QXExample0001',
        json: undefined,
      },
    );
    assert.equal(JSON.parse(event.object.json).description, 'Order #1042');
  });

  test('an invoice takes amount_due, an expanded customer its id, a missing status null', () => {
    const event = parseStripeEvent(
      json({
        id: 'evt_1',
        type: 'invoice.created',
        created: 10,
        data: {
          object: {
            id: 'in_1',
            object: 'invoice',
            amount_due: 900,
            currency: 'USD',
            customer: { id: 'cus_9' },
          },
        },
      }),
    );

    assert.equal(event.object.amount, 900);
    assert.equal(event.object.currency, 'usd');
    assert.equal(event.object.customer, 'cus_9');
    assert.equal(event.object.status, null);
  });

  const examples = new URL('../../../packages/cli/examples/stripe/', import.meta.url);
  for (const file of readdirSync(examples).filter((f) => f.endsWith('.json'))) {
    test(`the CLI example ${file} parses, and the ledger handles its type`, () => {
      const event = parseStripeEvent(readFileSync(new URL(file, examples)));

      assert.equal(`${event.type}.json`, file);
      assert.ok((ledgerEventTypes as readonly string[]).includes(event.type), event.type);
    });
  }

  test('a checkout session takes amount_total', () => {
    const event = parseStripeEvent(
      json({
        id: 'evt_2',
        type: 'checkout.session.completed',
        created: 10,
        data: { object: { id: 'cs_1', object: 'checkout.session', amount_total: 2500 } },
      }),
    );

    assert.equal(event.object.amount, 2500);
  });

  const bad: Array<[string, Buffer, RegExp]> = [
    ['a body that is not JSON', Buffer.from('{nope'), /not JSON/],
    [
      'an event without data.object.id',
      json({ id: 'e', type: 't', created: 1, data: { object: { object: 'charge' } } }),
      /data\.object\.id/,
    ],
    [
      'a created that is not whole seconds',
      json({ id: 'e', type: 't', created: 1.5, data: { object: { id: 'ch', object: 'charge' } } }),
      /created/,
    ],
  ];
  for (const [name, body, message] of bad) {
    test(`${name} is a PermanentError naming what is wrong`, () => {
      assert.throws(
        () => parseStripeEvent(body),
        (error: unknown) =>
          error instanceof PermanentError &&
          error.code === 'HANDLER_PERMANENT' &&
          message.test(error.message),
      );
    });
  }
});
