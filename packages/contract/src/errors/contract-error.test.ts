import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContractError, contractErrorCodes, isContractError } from './contract-error.ts';

describe('ContractError', () => {
  test('every code says whether it is retriable and what it means', () => {
    for (const [code, entry] of Object.entries(contractErrorCodes)) {
      assert.equal(typeof entry.retriable, 'boolean', code);
      assert.ok(entry.summary.length > 10, `${code} has a summary`);
    }
  });

  test('retriable defaults to the code and can be overridden per error', () => {
    assert.equal(new ContractError('REGISTRY_UNREACHABLE', 'down').retriable, true);
    assert.equal(new ContractError('REGISTRY_REQUEST_FAILED', '422').retriable, false);
    assert.equal(
      new ContractError('REGISTRY_REQUEST_FAILED', '503', { retriable: true }).retriable,
      true,
    );
  });

  test('serialises for logs with code, retriable and a reduced cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const error = new ContractError('BROKER_UNREACHABLE', 'cannot reach Kafka', { cause });

    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      name: 'ContractError',
      code: 'BROKER_UNREACHABLE',
      message: 'cannot reach Kafka',
      retriable: true,
      cause: { name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' },
    });
  });

  test('isContractError narrows by type and, when given, by code', () => {
    const error = new ContractError('INVALID_NAME', 'bad');

    assert.equal(isContractError(error), true);
    assert.equal(isContractError(error, 'INVALID_NAME'), true);
    assert.equal(isContractError(error, 'DECODE_FAILED'), false);
    assert.equal(isContractError(new Error('bad')), false);
  });
});
