import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExpectedAnswer } from './describe-answer.ts';
import { describeAnswer } from './describe-answer.ts';
import type { IngressAnswer } from './post-delivery.ts';

describe('describeAnswer', () => {
  const cases: readonly [string, IngressAnswer, ExpectedAnswer, string][] = [
    [
      'a 202 shows the event and trace ids of its body',
      { status: 202, body: '{"eventId":"evt_1","traceId":"abc"}' },
      'accepted',
      '1/2 202 Accepted event=evt_1 trace=abc',
    ],
    [
      'a 202 with tracing off (traceId null) shows the event id only',
      { status: 202, body: '{"eventId":"evt_1","traceId":null}' },
      'accepted',
      '1/2 202 Accepted event=evt_1',
    ],
    [
      'a 401 shows the reason code and is flagged when 2xx was expected',
      { status: 401, body: '{"error":{"code":"unauthenticated","message":"m"}}' },
      'accepted',
      '1/2 401 Unauthorized reason=unauthenticated (expected 2xx)',
    ],
    [
      'a 401 is not flagged with --bad-signature',
      { status: 401, body: '{"error":{"code":"unauthenticated","message":"m"}}' },
      'unauthenticated',
      '1/2 401 Unauthorized reason=unauthenticated',
    ],
    [
      'a 202 is flagged with --bad-signature',
      { status: 202, body: '{"eventId":"evt_1"}' },
      'unauthenticated',
      '1/2 202 Accepted event=evt_1 (expected 401)',
    ],
    [
      'a 503 shows its reason and Retry-After',
      { status: 503, retryAfter: '5', body: '{"error":{"code":"publish_timeout"}}' },
      'accepted',
      '1/2 503 Service Unavailable reason=publish_timeout retry-after=5 (expected 2xx)',
    ],
    [
      'a body that is not JSON adds nothing',
      { status: 404, body: '<html>not found</html>' },
      'accepted',
      '1/2 404 Not Found (expected 2xx)',
    ],
  ];
  for (const [name, answer, expected, line] of cases) {
    it(name, () => {
      assert.equal(describeAnswer(answer, { index: 1, total: 2 }, expected), line);
    });
  }
});
