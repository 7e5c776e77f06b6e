import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSchemas, isOcppDateTime } from './schemas.ts';

describe('OCA schemas', () => {
  it('compile for every version', () => {
    assert.equal(compileSchemas('ocpp1_6').size, 78);
    assert.equal(compileSchemas('ocpp2_0_1').size, 128);
    assert.equal(compileSchemas('ocpp2_1').size, 181);
  });

  it('are compiled once and shared', () => {
    assert.equal(compileSchemas('ocpp1_6'), compileSchemas('ocpp1_6'));
  });

  const boot16 = () => compileSchemas('ocpp1_6').get('urn:BootNotification.req')!;
  const status201 = () => compileSchemas('ocpp2_0_1').get('urn:StatusNotification.req')!;

  it('accept a valid payload', () => {
    assert.equal(boot16()({ chargePointVendor: 'V', chargePointModel: 'M' }), null);
  });

  it('name a missing field an occurrence violation', () => {
    assert.equal(boot16()({ chargePointVendor: 'V' })?.kind, 'occurrence');
  });

  it('name a wrong type a type violation', () => {
    assert.equal(boot16()({ chargePointVendor: 5, chargePointModel: 'M' })?.kind, 'type');
  });

  it('name a too long string, a bad enum value and a bad date a property violation', () => {
    assert.equal(boot16()({ chargePointVendor: 'V'.repeat(21), chargePointModel: 'M' })?.kind, 'property');
    const base = { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 };
    assert.equal(status201()({ ...base, connectorStatus: 'Charging' })?.kind, 'property');
    assert.equal(status201()({ ...base, timestamp: 'yesterday' })?.kind, 'property');
  });

  it('hold integers to 32 bits, 1.6 registers to 2^53, and EVSE and connector numbers to 0 and up', () => {
    const base = { timestamp: '2026-01-01T00:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 };
    assert.equal(status201()({ ...base, evseId: 2 ** 31 - 1 }), null);
    for (const bad of [{ evseId: 2 ** 31 }, { evseId: 1e20 }, { evseId: -1 }, { connectorId: -5 }]) {
      assert.equal(status201()({ ...base, ...bad })?.kind, 'property', JSON.stringify(bad));
    }
    const tx = compileSchemas('ocpp2_0_1').get('urn:TransactionEvent.req')!;
    const event = { eventType: 'Started', timestamp: '2026-01-01T00:00:00Z', triggerReason: 'Authorized', seqNo: 0, transactionInfo: { transactionId: 't' } };
    assert.equal(tx({ ...event, evse: { id: 1 } }), null);
    assert.equal(tx({ ...event, evse: { id: -1 } })?.kind, 'property', 'EVSEType.id');
    assert.equal(tx({ ...event, seqNo: -1 }), null, 'other integers may be negative, as OCA allows');
    const start16 = compileSchemas('ocpp1_6').get('urn:StartTransaction.req')!;
    const start = { connectorId: 1, idTag: 'T', timestamp: '2026-01-01T00:00:00Z' };
    assert.equal(start16({ ...start, meterStart: 2 ** 40 }), null, 'a register past 32 bits');
    assert.equal(start16({ ...start, meterStart: 2 ** 53 })?.kind, 'property');
  });

  it('name an unknown property a format violation', () => {
    assert.equal(boot16()({ chargePointVendor: 'V', chargePointModel: 'M', colour: 'red' })?.kind, 'format');
  });

  it('say where the problem is', () => {
    const f = boot16()({ chargePointVendor: 'V' });
    assert.match(f?.message ?? '', /chargePointModel/);
  });
});

describe('isOcppDateTime', () => {
  it('accepts RFC 3339, and no offset (read as UTC)', () => {
    for (const s of ['2026-01-01T10:00:00Z', '2026-01-01T10:00:00.123Z', '2026-01-01T10:00:00+02:00', '2026-01-01T10:00:00']) {
      assert.equal(isOcppDateTime(s), true, s);
    }
  });
  it('refuses what is not a date-time', () => {
    for (const s of ['2026-01-01', 'now', '2026-13-45T99:00:00Z', '']) assert.equal(isOcppDateTime(s), false, s);
  });
});
