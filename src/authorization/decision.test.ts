import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decide, type TokenFacts } from './decision.ts';

const now = new Date('2026-06-01T12:00:00Z');
const token: TokenFacts = { uid: 'AA', type: 'ISO14443', status: 'Accepted', expiresAt: null, groupId: null, driverId: 'd', driverStatus: 'active' };
const ctx = { now, activeElsewhere: false, allowConcurrent: false };

it('accepts a good token', () => assert.equal(decide(token, ctx).status, 'Accepted'));
it('refuses an unknown token', () => assert.equal(decide(null, ctx).status, 'Unknown'));
it('refuses a blocked token, and every token of a blocked driver', () => {
  assert.equal(decide({ ...token, status: 'Blocked' }, ctx).status, 'Blocked');
  assert.equal(decide({ ...token, driverStatus: 'blocked' }, ctx).status, 'Blocked');
});
it('refuses an expired token, by status or by date (the expiry instant included)', () => {
  assert.equal(decide({ ...token, status: 'Expired' }, ctx).status, 'Expired');
  assert.equal(decide({ ...token, expiresAt: now }, ctx).status, 'Expired');
  assert.equal(decide({ ...token, expiresAt: new Date(now.getTime() + 1) }, ctx).status, 'Accepted');
});
it('refuses an invalid token', () => assert.equal(decide({ ...token, status: 'Invalid' }, ctx).status, 'Invalid'));
it('refuses a token charging elsewhere unless concurrency is allowed', () => {
  assert.equal(decide(token, { ...ctx, activeElsewhere: true }).status, 'ConcurrentTx');
  assert.equal(decide(token, { ...ctx, activeElsewhere: true, allowConcurrent: true }).status, 'Accepted');
});
it('says blocked before expired before concurrent', () => {
  assert.equal(decide({ ...token, status: 'Blocked', expiresAt: now }, { ...ctx, activeElsewhere: true }).status, 'Blocked');
  assert.equal(decide({ ...token, expiresAt: now }, { ...ctx, activeElsewhere: true }).status, 'Expired');
});
