import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLimiter } from './limiter.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('limiter', () => {
  it('runs at most n at once, in the order they came, and passes results and errors through', async () => {
    const limit = createLimiter(2);
    let now = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const job = (i: number) =>
      limit(async () => {
        order.push(i);
        peak = Math.max(peak, ++now);
        await new Promise<void>((r) => gates.push(r));
        now--;
        if (i === 3) throw new Error('job 3 failed');
        return i * 10;
      });
    const all = [0, 1, 2, 3, 4].map((i) => job(i).catch((e: Error) => e.message));
    await tick();
    assert.deepEqual(order, [0, 1], 'two started, three wait');
    while (gates.length) {
      gates.shift()!();
      await tick();
      await tick();
    }
    assert.deepEqual(await Promise.all(all), [0, 10, 20, 'job 3 failed', 40]);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(peak, 2);
  });

  it('a failure frees its slot', async () => {
    const limit = createLimiter(1);
    await assert.rejects(limit(() => Promise.reject(new Error('no'))));
    assert.equal(await limit(async () => 'next'), 'next');
  });

  it('refuses a nonsensical size', () => {
    assert.throws(() => createLimiter(0), RangeError);
  });
});
