import assert from 'node:assert/strict';
import { it } from 'node:test';
import { stationClock, stationTime } from './timestamps.ts';

const received = new Date('2026-06-01T12:00:00Z');

it('takes a plausible station timestamp as the time of the event, with or without an offset', () => {
  assert.equal(stationTime('2026-05-20T08:00:00+02:00', received).toISOString(), '2026-05-20T06:00:00.000Z');
  assert.equal(stationTime('2026-05-20T08:00:00', received).toISOString(), '2026-05-20T08:00:00.000Z');
  assert.equal(stationTime('2026-06-01T20:00:00Z', received).toISOString(), '2026-06-01T20:00:00.000Z', 'a clock a few hours ahead');
});

it('uses the receive time for a clock never set, far ahead, absurd or unreadable', () => {
  for (const t of [undefined, '', 'nonsense', '1970-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2026-06-03T12:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
    assert.equal(stationTime(t, received), received, String(t));
  }
});

it("keeps what a wrong clock said for measuring drift, within four-digit years", () => {
  assert.equal(stationClock('1970-01-01T00:00:00Z', received).toISOString(), '1970-01-01T00:00:00.000Z');
  assert.equal(stationClock('2030-01-01T00:00:00Z', received).toISOString(), '2030-01-01T00:00:00.000Z');
  assert.equal(stationClock('0001-01-01T00:00:00Z', received), received);
  assert.equal(stationClock('9999-12-31T23:59:59Z', received), received);
});
