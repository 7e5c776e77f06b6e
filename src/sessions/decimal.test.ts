import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDecimal, roundToInteger, shift, toText } from './decimal.ts';
import { normalize } from './measurands.ts';

describe('decimal', () => {
  it('parses decimal text and JSON numbers exactly', () => {
    assert.deepEqual(parseDecimal('12.345'), { digits: 12345n, scale: 3 });
    assert.deepEqual(parseDecimal(' -0.5 '), { digits: -5n, scale: 1 });
    assert.deepEqual(parseDecimal('1e3'), { digits: 1000n, scale: 0 });
    assert.deepEqual(parseDecimal(1.5e-7), { digits: 15n, scale: 8 });
    assert.deepEqual(parseDecimal('.5'), { digits: 5n, scale: 1 });
    for (const bad of ['', 'abc', '1.2.3', '-', 'NaN', '1e99999', Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(parseDecimal(bad as string), null, String(bad));
  });

  it('scales kWh to Wh without float error', () => {
    const kwh = parseDecimal('12.345')!;
    assert.equal(roundToInteger(shift(kwh, 3)), 12345n);
    assert.equal(toText(shift(parseDecimal('0.0001')!, 3)), '0.1');
  });

  it('rounds half away from zero, once', () => {
    assert.equal(roundToInteger(parseDecimal('2.5')!), 3n);
    assert.equal(roundToInteger(parseDecimal('2.4999')!), 2n);
    assert.equal(roundToInteger(parseDecimal('-2.5')!), -3n);
  });

  it('round-trips through text for any value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), (digits, scale) => {
        const text = toText({ digits, scale });
        const back = parseDecimal(text)!;
        assert.equal(back.digits * 10n ** BigInt(scale), digits * 10n ** BigInt(back.scale));
      }),
    );
  });
});

describe('normalize', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  it('defaults to the energy register in Wh (OCPP 1.6)', () => {
    const s = normalize(at, { value: '1500' })!;
    assert.deepEqual([s.measurand, s.unit, s.value], ['Energy.Active.Import.Register', 'Wh', '1500']);
  });
  it('converts kWh and kW, and 2.x multipliers', () => {
    assert.equal(normalize(at, { value: '1.5', unit: 'kWh' })!.value, '1500');
    assert.equal(normalize(at, { value: 7.2, measurand: 'Power.Active.Import', unit: 'kW' })!.value, '7200');
    const m = normalize(at, { value: 12.5, unit: 'Wh', multiplier: 3 })!;
    assert.deepEqual([m.unit, m.value], ['Wh', '12500']);
  });
  it('refuses a value that is not a number', () => {
    assert.equal(normalize(at, { value: 'n/a' }), null);
  });
});
