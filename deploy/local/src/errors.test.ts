import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StackError, StackErrorCode } from './errors.ts';

test('a stack error reads as one line naming the component, the cause and the log file', () => {
  const error = new StackError(StackErrorCode.HEALTH_TIMEOUT, 'kafka', 'not healthy after 90 s', {
    logFile: '/x/logs/kafka.log',
  });

  assert.equal(error.toLine(), 'kafka: not healthy after 90 s; see /x/logs/kafka.log');
  assert.deepEqual(JSON.parse(JSON.stringify(error)), {
    name: 'StackError',
    code: 'HEALTH_TIMEOUT',
    component: 'kafka',
    message: 'not healthy after 90 s',
  });
});

test('without a log file the line ends with the cause', () => {
  const error = new StackError(StackErrorCode.PORT_IN_USE, 'jaeger', 'port 4318 already in use');

  assert.equal(error.toLine(), 'jaeger: port 4318 already in use');
});
