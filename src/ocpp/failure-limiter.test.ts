import assert from 'node:assert/strict';
import { it } from 'node:test';
import { FailureLimiter } from './failure-limiter.ts';

it('blocks a key after the limit of failures within the window, and forgets after it', () => {
  let now = 0;
  const l = new FailureLimiter(3, 1000, () => now);
  for (let i = 0; i < 2; i++) l.fail('k');
  assert.equal(l.blocked('k'), false);
  l.fail('k');
  assert.equal(l.blocked('k'), true);
  assert.equal(l.blocked('other'), false);
  now = 1000;
  assert.equal(l.blocked('k'), false);
});

it('resets a key on success', () => {
  const l = new FailureLimiter(1, 1000, () => 0);
  l.fail('k');
  l.reset('k');
  assert.equal(l.blocked('k'), false);
});

it('counts distinct values once per window when asked to', () => {
  let now = 0;
  const l = new FailureLimiter(3, 1000, () => now);
  for (let i = 0; i < 50; i++) l.fail('addr', 'MISCONFIGURED');
  assert.equal(l.blocked('addr'), false, 'one station retrying forever counts once');
  l.fail('addr', 'B');
  l.fail('addr', 'C');
  assert.equal(l.blocked('addr'), true, 'three distinct ids reach the limit');
  now = 1000;
  assert.equal(l.blocked('addr'), false);
  l.fail('addr', 'MISCONFIGURED');
  assert.equal(l.blocked('addr'), false, 'a new window counts afresh');
});
