import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timelineOf } from './timeline.ts';

const at = (m: number) => new Date(Date.parse('2026-05-04T10:00:00Z') + m * 60_000);

describe('session timeline', () => {
  it('cuts at readings and state changes, interpolates the register, and counts zero power as not charging', () => {
    const tl = timelineOf({
      startedAt: at(0),
      end: at(60),
      timeZone: 'UTC',
      history: {
        registers: [{ at: at(0), wh: 1000 }, { at: at(20), wh: 5000 }, { at: at(60), wh: 5000 }],
        power: [{ at: at(50), w: '0' }],
        current: [],
        states: [{ at: at(10), state: 'Charging' }, { at: at(30), state: 'SuspendedEV' }],
      },
    });
    assert.deepEqual(
      tl.periods.map((p) => [(p.start - tl.startedAt) / 60_000, (p.end - tl.startedAt) / 60_000, p.charging, p.energyWh.toFixed(3)]),
      [
        [0, 10, true, '2000'],
        [10, 20, true, '2000'],
        [20, 30, true, '0'],
        [30, 50, false, '0'],
        [50, 60, false, '0'],
      ],
    );
  });

  it('a session without readings is one charging period with no energy', () => {
    const tl = timelineOf({ startedAt: at(0), end: at(5), timeZone: 'UTC', history: { registers: [], power: [], current: [], states: [] } });
    assert.equal(tl.periods.length, 1);
    assert.equal(tl.periods[0]!.charging, true);
    assert.ok(tl.periods[0]!.energyWh.isZero());
  });

  it('a session that starts and stops at the same instant is priced for the energy its register moved', () => {
    const tl = timelineOf({
      startedAt: at(0),
      end: at(0),
      timeZone: 'UTC',
      history: { registers: [{ at: at(0), wh: 1000 }, { at: at(0), wh: 9000 }], power: [], current: [], states: [] },
    });
    assert.deepEqual(tl.periods.map((p) => [p.end - p.start, p.charging, p.energyWh.toFixed(0)]), [[0, true, '8000']]);
  });
});
