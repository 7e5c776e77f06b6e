/**
 * The console's pure parts: formats in the operator's zone and currency, exact decimal sums,
 * wall-clock inputs in a zone across daylight saving, live patches of the fleet, chart points
 * from meter samples, and the command registry's permission checks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { permitted } from '../web/src/actions/registry.ts';
import { addDays, sumDecimals } from '../web/src/format/decimal.ts';
import { createFormat } from '../web/src/format/format.ts';
import { fromZonedInput, toZonedInput } from '../web/src/format/zone.ts';
import { pointsFromSamples } from '../web/src/features/sessions/samples.ts';
import { applyEvent } from '../web/src/features/stations/applyEvent.ts';
import { setRestriction } from '../web/src/features/tariffs/model.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formats', () => {
  test('ISK has no decimals, EUR two, and amounts are formatted from their exact text', () => {
    const en = createFormat({ locale: 'en-GB', timeZone: 'Atlantic/Reykjavik', currency: 'ISK' });
    assert.equal(nbsp(en.money('1488')), 'ISK 1,488');
    assert.equal(nbsp(en.money('7.40', 'EUR')), '€7.40');
    // A float would lose this; the string keeps it.
    assert.equal(nbsp(en.money('12345678901234567.89', 'EUR')), '€12,345,678,901,234,567.89');
    const is = createFormat({ locale: 'is-IS', timeZone: 'Atlantic/Reykjavik', currency: 'ISK' });
    assert.match(nbsp(is.money('1488')), /^1\.488 kr\.?$/);
    assert.equal(en.money(null), '–');
  });

  test('energy, power and times in the operator zone', () => {
    const f = createFormat({ locale: 'en-GB', timeZone: 'Pacific/Auckland', currency: 'NZD' });
    assert.equal(f.energy(20_000), '20 kWh');
    assert.equal(f.energy(1234), '1.23 kWh');
    assert.equal(f.power(7400), '7.4 kW');
    assert.equal(f.day(new Date('2026-05-04T20:00:00Z')), '2026-05-05');
    assert.equal(f.duration(3725), '1 h 2 min');
  });
});

describe('decimals and days', () => {
  test('sums are exact whatever the number of decimals', () => {
    assert.equal(sumDecimals(['0.10', '0.20']), '0.30');
    assert.equal(sumDecimals(['1250', '1.5', '-0.25']), '1251.25');
    assert.equal(sumDecimals([]), '0');
    assert.equal(sumDecimals(['-3', '1']), '-2');
  });
  test('days add across months and years', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });
});

describe('wall-clock inputs in the operator zone', () => {
  test('round trip, including a daylight-saving day', () => {
    const zone = 'Europe/Oslo';
    assert.equal(fromZonedInput('2026-03-29T01:30', zone).toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(fromZonedInput('2026-03-29T04:00', zone).toISOString(), '2026-03-29T02:00:00.000Z');
    assert.equal(toZonedInput(new Date('2026-07-01T10:15:00Z'), zone), '2026-07-01T12:15');
    assert.equal(toZonedInput(new Date('2026-07-01T10:15:00Z'), 'Atlantic/Reykjavik'), '2026-07-01T10:15');
  });
});

describe('live fleet', () => {
  const station = {
    id: 'CP-1',
    connected: false,
    connectors: [{ evseId: 1, connectorId: 1, status: 'Available', rawStatus: 'Available', errorCode: null, statusAt: 'x', session: null }],
  } as never;

  test('a connection, a connector status and a session update patch the one station', () => {
    let list = applyEvent([station], { type: 'station.connected', stationId: 'CP-1', at: 't1' });
    assert.equal(list[0]?.connected, true);
    list = applyEvent(list, { type: 'connector.status', stationId: 'CP-1', evseId: 1, connectorId: 1, status: 'Faulted', rawStatus: 'Faulted', errorCode: 'GroundFailure', at: 't2' });
    assert.equal(list[0]?.connectors[0]?.status, 'Faulted');
    list = applyEvent(list, { type: 'connector.status', stationId: 'CP-1', evseId: 2, connectorId: 1, status: 'Available', rawStatus: 'Available', errorCode: null, at: 't3' });
    assert.equal(list[0]?.connectors.length, 2);
    const session = { id: 's1', evseId: 1, connectorId: 1, status: 'active', transactionId: 'T', tokenUid: 'A', startedAt: 't', energyWh: 500, powerW: 7000, socPercent: null };
    list = applyEvent(list, { type: 'session.updated', stationId: 'CP-1', session, at: 't4' });
    assert.equal(list[0]?.connectors[0]?.session?.powerW, 7000);
    list = applyEvent(list, { type: 'session.ended', stationId: 'CP-1', session: { ...session, status: 'completed' }, at: 't5' });
    assert.equal(list[0]?.connectors[0]?.session, null);
  });

  test('an event of another station changes nothing', () => {
    const list = [station];
    assert.equal(applyEvent(list, { type: 'station.connected', stationId: 'CP-2', at: 't' }), list);
  });
});

test('chart points: power and energy since the first register reading, one point per instant', () => {
  const points = pointsFromSamples([
    { at: '2026-01-01T00:00:01Z', measurand: 'Energy.Active.Import.Register', phase: '', value: '1000' },
    { at: '2026-01-01T00:00:01Z', measurand: 'Power.Active.Import', phase: '', value: '7000' },
    { at: '2026-01-01T00:00:02Z', measurand: 'Energy.Active.Import.Register', phase: '', value: '1002' },
    { at: '2026-01-01T00:00:02Z', measurand: 'Power.Active.Import', phase: 'L1', value: '2333' },
    { at: '2026-01-01T00:00:02Z', measurand: 'SoC', phase: '', value: '40' },
  ]);
  assert.deepEqual(points, [
    { t: Date.parse('2026-01-01T00:00:01Z') / 1000, powerW: 7000, energyWh: 0 },
    { t: Date.parse('2026-01-01T00:00:02Z') / 1000, powerW: null, energyWh: 2 },
  ]);
});

test('commands follow the server permissions: a viewer runs none, a driver none, an operator a reset', () => {
  const reset = { name: 'x', scope: 'station', permission: 'stations:command' } as never;
  const manage = { name: 'y', scope: 'global', permission: 'operators:manage' } as never;
  assert.equal(permitted('operator', reset), true);
  assert.equal(permitted('viewer', reset), false);
  assert.equal(permitted('driver', reset), false);
  assert.equal(permitted(undefined, reset), false);
  assert.equal(permitted('operator', manage), false);
  assert.equal(permitted('admin', manage), true);
});

test('an emptied restriction field is removed, and no restrictions at all is null', () => {
  const r = setRestriction(null, 'start_time', '22:00');
  assert.deepEqual(r, { start_time: '22:00' });
  assert.equal(setRestriction(r, 'start_time', ''), null);
  assert.deepEqual(setRestriction(r, 'day_of_week', ['MONDAY']), { start_time: '22:00', day_of_week: ['MONDAY'] });
});
