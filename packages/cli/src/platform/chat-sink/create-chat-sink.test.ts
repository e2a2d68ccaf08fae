import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createChatSink } from './create-chat-sink.ts';

const post = (url: string, body: string, key?: string) =>
  fetch(`${url}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body,
  });

describe('createChatSink', () => {
  it('stores each message with its idempotency key and counts per key', async () => {
    const sink = await createChatSink({ port: 0 });
    try {
      assert.equal((await post(sink.url, '{"text":"one"}', 'e1')).status, 200);
      assert.equal((await post(sink.url, '{"text":"again"}', 'e1')).status, 200);
      assert.equal((await post(sink.url, '{"text":"two"}', 'e2')).status, 200);

      assert.deepEqual(
        [...sink.countsByKey()],
        [
          ['e1', 2],
          ['e2', 1],
        ],
      );
      const listed = (await (await fetch(`${sink.url}/messages?key=e2`)).json()) as {
        text: string;
      }[];
      assert.deepEqual(
        listed.map((m) => m.text),
        ['two'],
      );
    } finally {
      await sink.close();
    }
  });

  it('refuses a body that is not a JSON object with 400 and stores nothing', async () => {
    const sink = await createChatSink({ port: 0 });
    try {
      assert.equal((await post(sink.url, 'not json', 'e1')).status, 400);
      assert.equal(sink.messages.length, 0);
    } finally {
      await sink.close();
    }
  });

  it('answers the status a test chooses, storing only accepted messages', async () => {
    const sink = await createChatSink({ port: 0, answerStatus: () => 503 });
    try {
      assert.equal((await post(sink.url, '{"text":"x"}', 'e1')).status, 503);
      assert.equal(sink.messages.length, 0);
    } finally {
      await sink.close();
    }
  });
});
