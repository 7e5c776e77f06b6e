import assert from 'node:assert/strict';
import { it } from 'node:test';
import { HandshakeLimiter } from './handshake-limiter.ts';

it('lets a burst through at once, then one handshake per 1/rate seconds, per address', () => {
  let now = 0;
  const l = new HandshakeLimiter(2, 5, () => now);
  for (let i = 0; i < 5; i++) assert.equal(l.take('a'), 0);
  assert.equal(l.take('a'), 1, 'the sixth waits');
  assert.equal(l.take('b'), 0, 'another address has its own bucket');
  now = 500;
  assert.equal(l.take('a'), 0, 'half a second refills one token at 2/s');
  assert.equal(l.take('a'), 1);
  now = 100_000;
  for (let i = 0; i < 5; i++) assert.equal(l.take('a'), 0, 'refills to the burst, no more');
  assert.ok(l.take('a') > 0, 'past the burst again');
});

it('is off at rate 0', () => {
  const l = new HandshakeLimiter(0, 1, () => 0);
  for (let i = 0; i < 100; i++) assert.equal(l.take('a'), 0);
});

it('forgets full buckets on sweep', () => {
  let now = 0;
  const l = new HandshakeLimiter(1, 2, () => now);
  l.take('a');
  l.take('a');
  now = 10_000;
  l.sweep();
  assert.equal(l.take('a'), 0);
  assert.equal(l.take('a'), 0);
});
