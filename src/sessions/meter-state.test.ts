import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalize, type SampledValue } from './measurands.ts';
import { applySamples, emptyMeterState, energyWh, isPlausibleRegister, MAX_REGISTER_WH, totalOf } from './meter-state.ts';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 10, min));
const sample = (min: number, v: SampledValue) => normalize(at(min), v)!;

describe('meter state', () => {
  it('counts energy from the first to the last register reading by timestamp', () => {
    const s = applySamples(emptyMeterState(), [
      sample(0, { value: '1000', context: 'Transaction.Begin' }),
      sample(10, { value: '1.7', unit: 'kWh' }),
      sample(5, { value: '1350' }),
    ]);
    assert.equal(s.meterStartWh, 1000);
    assert.equal(s.lastRegisterWh, 1700);
    assert.equal(energyWh(s), 700);
  });

  it('prefers a stop reading from the station, and never goes negative', () => {
    const s = { ...applySamples(emptyMeterState(), [sample(0, { value: '500' }), sample(1, { value: '900' })]), meterStopWh: 950 };
    assert.equal(energyWh(s), 450);
    assert.equal(energyWh({ ...s, meterStopWh: 100 }), 0);
  });

  it('takes no negative or absurd register as a reading: energy comes from the plausible ones', () => {
    const s = applySamples(emptyMeterState(), [
      sample(0, { value: '-5000' }),
      sample(1, { value: '1000' }),
      sample(2, { value: '1e20' }),
      sample(3, { value: '1600' }),
      sample(4, { value: '-1', unit: 'kWh' }),
      sample(5, { value: '1000000001', unit: 'kWh' }),
    ]);
    assert.equal(s.meterStartWh, 1000);
    assert.equal(s.lastRegisterWh, 1600);
    assert.equal(energyWh(s), 600);
    assert.equal(isPlausibleRegister(MAX_REGISTER_WH), true);
    assert.equal(isPlausibleRegister(MAX_REGISTER_WH + 1), false);
    assert.equal(isPlausibleRegister(-1), false);
  });

  it('sums phases when there is no total, and uses the total when there is one', () => {
    const phases = [
      sample(0, { value: '2300', measurand: 'Power.Active.Import', phase: 'L1' }),
      sample(0, { value: '2300', measurand: 'Power.Active.Import', phase: 'L2' }),
      sample(0, { value: '2.3', measurand: 'Power.Active.Import', phase: 'L3', unit: 'kW' }),
    ];
    assert.equal(applySamples(emptyMeterState(), phases).powerW, '6900');
    const withTotal = [...phases, sample(0, { value: '7000', measurand: 'Power.Active.Import' })];
    assert.equal(applySamples(emptyMeterState(), withTotal).powerW, '7000');
    assert.equal(totalOf([sample(0, { value: '1', measurand: 'Power.Active.Import', location: 'EV' })], 'Power.Active.Import'), null);
  });

  it('keeps the latest SoC and power by the station clock, whatever the arrival order', () => {
    const s = applySamples(emptyMeterState(), [
      sample(9, { value: '80', measurand: 'SoC' }),
      sample(3, { value: '40', measurand: 'SoC' }),
    ]);
    assert.equal(s.socPercent, '80');
  });

  it('gives the same state for any order, any duplicates and any split of the samples', () => {
    const reading = fc.record({ min: fc.integer({ min: 0, max: 600 }), wh: fc.integer({ min: 0, max: 10_000_000 }), kw: fc.integer({ min: 0, max: 350 }) });
    fc.assert(
      fc.property(fc.array(reading, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer(), (readings, cut, seed) => {
        // one register value per instant, as a meter would give
        const byMin = new Map(readings.map((r) => [r.min, r]));
        const samples = [...byMin.values()].flatMap((r) => [
          sample(r.min, { value: String(r.wh) }),
          sample(r.min, { value: String(r.kw), measurand: 'Power.Active.Import', unit: 'kW' }),
        ]);
        const once = applySamples(emptyMeterState(), samples);
        const shuffled = [...samples, ...samples.slice(0, cut)].sort((a, b) => ((a.at.getTime() * 31 + seed) % 97) - ((b.at.getTime() * 31 + seed) % 97));
        const split = applySamples(applySamples(emptyMeterState(), shuffled.slice(0, cut)), shuffled.slice(cut));
        assert.deepEqual(split, once);
        const mins = [...byMin.keys()].sort((a, b) => a - b);
        assert.equal(energyWh(once), Math.max(0, byMin.get(mins.at(-1)!)!.wh - byMin.get(mins[0]!)!.wh));
      }),
    );
  });
});
