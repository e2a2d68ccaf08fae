import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { steadyCpuPerRecordUs, steadyRate } from './steady-rate.ts';

describe('steadyRate', () => {
  it('leaves the time to the first tenth of the records out', () => {
    // 100 records at once after a 5 s start, then 900 more over 1 s.
    const rate = steadyRate([
      { atMs: 5_000, records: 100 },
      { atMs: 5_500, records: 550 },
      { atMs: 6_000, records: 1_000 },
    ]);
    assert.equal(rate, 900);
  });

  it('starts at the first point past the warm-up share, not before it', () => {
    const rate = steadyRate([
      { atMs: 0, records: 50 },
      { atMs: 1_000, records: 200 },
      { atMs: 2_000, records: 1_000 },
    ]);
    assert.equal(rate, 800);
  });

  it('is 0 without two points to measure between', () => {
    assert.equal(steadyRate([]), 0);
    assert.equal(steadyRate([{ atMs: 10, records: 1_000 }]), 0);
  });
});

describe('steadyCpuPerRecordUs', () => {
  it('divides the CPU used over the steady window by its records', () => {
    const perRecord = steadyCpuPerRecordUs([
      { atMs: 5_000, records: 100, cpuMs: 900 },
      { atMs: 6_000, records: 1_000, cpuMs: 990 },
    ]);
    assert.equal(perRecord, 100);
  });

  it('is undefined without CPU readings', () => {
    assert.equal(
      steadyCpuPerRecordUs([
        { atMs: 5_000, records: 100 },
        { atMs: 6_000, records: 1_000 },
      ]),
      undefined,
    );
  });
});
