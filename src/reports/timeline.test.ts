import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { energyByHour } from './energy-curve.ts';
import { chargingMsOf, portHours, type SessionSpan } from './timeline.ts';

const at = (hhmm: string) => Date.parse(`2026-05-04T${hhmm}:00Z`);
const MIN = 60_000;
const span = (s: Partial<SessionSpan> & Pick<SessionSpan, 'startedAt' | 'endsAt' | 'energyWh'>): SessionSpan => ({ id: 's', registers: [], states: [], ...s });
const hours = (m: Map<number, number>) => Object.fromEntries([...m].map(([h, wh]) => [new Date(h).toISOString().slice(11, 16), wh]));

describe('energy spread over hours', () => {
  it('follows the registers, evenly between readings', () => {
    // 10:30 -> 11:30: 6000 Wh (3000 each side of 11:00); 11:30 -> 12:15: 1500 Wh (1000 before 12:00, 500 after).
    const s = span({ startedAt: at('10:30'), endsAt: at('12:15'), energyWh: 7500, registers: [{ at: at('10:30'), wh: 1000 }, { at: at('11:30'), wh: 7000 }, { at: at('12:15'), wh: 8500 }] });
    assert.deepEqual(hours(energyByHour(s)), { '10:00': 3000, '11:00': 4000, '12:00': 500 });
  });

  it('spreads evenly from start to end without registers', () => {
    const s = span({ startedAt: at('10:40'), endsAt: at('11:10'), energyWh: 900 });
    assert.deepEqual(hours(energyByHour(s)), { '10:00': 600, '11:00': 300 });
  });

  it('rounds the running total, so the hours add up to the session exactly', () => {
    const s = span({ startedAt: at('10:00'), endsAt: at('13:00'), energyWh: 1000, registers: [{ at: at('10:00'), wh: 0 }, { at: at('13:00'), wh: 1000 }] });
    assert.deepEqual(hours(energyByHour(s)), { '10:00': 333, '11:00': 334, '12:00': 333 });
  });

  it('adds nothing for a register that runs backwards', () => {
    const s = span({ startedAt: at('10:00'), endsAt: at('12:00'), energyWh: 500, registers: [{ at: at('10:00'), wh: 1000 }, { at: at('11:00'), wh: 400 }, { at: at('12:00'), wh: 900 }] });
    assert.deepEqual(hours(energyByHour(s)), { '11:00': 500 });
  });
});

describe('a port hour by hour', () => {
  const station = {
    commissionedAt: at('09:30'),
    initiallyConnected: false,
    presence: [
      { at: at('09:30'), connected: true },
      { at: at('10:20'), connected: false },
      { at: at('10:50'), connected: true },
    ],
    exclusions: [{ from: at('10:30'), to: at('11:00'), evseId: null }],
  };
  const session = span({
    startedAt: at('12:00'),
    endsAt: at('12:45'),
    energyWh: 4500,
    registers: [{ at: at('12:00'), wh: 0 }, { at: at('12:45'), wh: 4500 }],
    states: [{ at: at('12:30'), state: 'SuspendedEV' }],
  });
  const port = {
    evseId: 1,
    connectorId: 1,
    tracked: true,
    initialStatus: { at: at('08:00'), status: 'Available', errorCode: null },
    statuses: [
      { at: at('11:10'), status: 'Faulted', errorCode: 'GroundFailure' },
      { at: at('11:40'), status: 'Available', errorCode: null },
    ],
    sessions: [session],
  };

  it('counts offline, faulted, excluded, occupied and charging time where they happened', () => {
    const rows = portHours(station, port, at('09:00'), at('13:00'));
    assert.deepEqual(
      rows.map((r) => ({ ...r, hour: new Date(r.hour).toISOString().slice(11, 16), faults: Object.fromEntries(r.faults) })),
      [
        // 10:20-10:50 offline; 10:30-10:50 of it inside the exclusion
        { hour: '10:00', energyWh: 0, sessions: 0, occupiedMs: 0, chargingMs: 0, offlineMs: 30 * MIN, faultedMs: 0, unavailableMs: 0, outageMs: 30 * MIN, excludedMs: 20 * MIN, faults: {} },
        // 11:10-11:40 faulted with GroundFailure: one fault
        { hour: '11:00', energyWh: 0, sessions: 0, occupiedMs: 0, chargingMs: 0, offlineMs: 0, faultedMs: 30 * MIN, unavailableMs: 0, outageMs: 30 * MIN, excludedMs: 0, faults: { GroundFailure: { faults: 1, faultedMs: 30 * MIN } } },
        // the session: 45 min occupied, 30 charging, 4.5 kWh
        { hour: '12:00', energyWh: 4500, sessions: 1, occupiedMs: 45 * MIN, chargingMs: 30 * MIN, offlineMs: 0, faultedMs: 0, unavailableMs: 0, outageMs: 0, excludedMs: 0, faults: {} },
      ],
    );
    assert.equal(chargingMsOf(session), 30 * MIN);
  });

  it('counts nothing before the station was first connected, and a recompute from a later hour gives the same hours', () => {
    const all = portHours(station, port, at('09:00'), at('13:00'));
    const later = portHours({ ...station, initiallyConnected: true, presence: station.presence.slice(1) }, { ...port, statuses: port.statuses }, at('10:00'), at('13:00'));
    assert.deepEqual(later, all);
    assert.deepEqual(portHours({ ...station, commissionedAt: null }, { ...port, sessions: [] }, at('09:00'), at('13:00')), []);
  });

  it('does not count outage for a placeholder port, only its use', () => {
    const rows = portHours(station, { ...port, tracked: false }, at('09:00'), at('13:00'));
    assert.deepEqual(rows.map((r) => [r.outageMs, r.energyWh]), [[0, 4500]]);
  });
});
