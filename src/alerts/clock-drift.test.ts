import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driftVerdict } from './clock-drift.ts';

const min = 60_000;
const T = 5 * min;

describe('clock drift verdict', () => {
  it('is unknown with too few or too close samples', () => {
    assert.deepEqual(driftVerdict([], T), { state: 'unknown' });
    assert.deepEqual(driftVerdict([{ at: 0, driftMs: 10 * min }], T), { state: 'unknown' });
    assert.deepEqual(driftVerdict([0, 1, 2].map((i) => ({ at: i * 1000, driftMs: 10 * min })), T), { state: 'unknown' });
  });

  it('drifts when every sample over a minute and more is past the threshold, reporting the smallest', () => {
    const v = driftVerdict([0, 1, 2].map((i) => ({ at: i * min, driftMs: (10 + i) * min })), T);
    assert.deepEqual(v, { state: 'drifting', driftMs: 10 * min });
  });

  it('is ok as soon as the latest sample is within the threshold (a replay burst is not drift)', () => {
    assert.deepEqual(driftVerdict([{ at: 0, driftMs: -3 * 3600_000 }, { at: 2 * min, driftMs: -2 * 3600_000 }, { at: 3 * min, driftMs: 200 }], T), { state: 'ok' });
  });

  it('is unknown until enough samples since the last right one', () => {
    assert.deepEqual(driftVerdict([{ at: 0, driftMs: 100 }, { at: min, driftMs: 10 * min }, { at: 2 * min, driftMs: 11 * min }], T), { state: 'unknown' });
    const more = [{ at: 0, driftMs: 100 }, ...[1, 2, 3].map((i) => ({ at: i * min, driftMs: -10 * min }))];
    assert.deepEqual(driftVerdict(more, T), { state: 'drifting', driftMs: -10 * min });
  });
});
