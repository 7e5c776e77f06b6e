/**
 * The station simulator against Straumur, in every OCPP version: it boots, reports statuses,
 * runs metered RFID sessions, and answers every command the CSMS sends with replies that pass
 * OCA's response schemas (the gateway validates them), honouring availability and reset.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Fleet } from '../src/simulator/index.ts';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { versions } from './helpers/charge-point.ts';

const CARD = 'AABBCCDD';

describe('station simulator', () => {
  let s: TestServer;
  let fleet: Fleet;
  const id = (v: string) => `SIMT-${v.replace(/\./g, '')}`;

  before(async () => {
    s = await startServer('pglite', { env: { ALLOW_CONCURRENT_TX: 'true' } });
    for (const v of versions) assert.equal((await s.api('POST', '/api/v1/stations', { id: id(v) })).status, 201);
    assert.equal((await s.api('POST', '/api/v1/tokens', { uid: CARD, type: 'ISO14443' })).status, 201);
    fleet = new Fleet({
      url: s.ocppUrl,
      stations: versions.map((v) => ({ id: id(v), version: v })),
      rampPerSec: 50,
      evses: 2,
      meterIntervalSec: 1,
      sessionsPerHour: 1,
      firstSessionSec: 1,
      sessionMinutes: 60,
      tokens: [CARD],
      vendor: 'Sim Test',
      model: 'SimCharger 22',
    });
    await fleet.start();
  });
  after(async () => {
    await fleet.stop();
    await s.close();
  });

  const call = (v: string, action: string, payload: Record<string, unknown>) => s.app.gateway.call(id(v), action, payload);
  const reply = async (v: string, action: string, payload: Record<string, unknown>) => {
    const o = await call(v, action, payload);
    assert.equal(o.kind, 'result', `${v} ${action}: ${JSON.stringify(o)}`);
    return (o as { payload: Record<string, any> }).payload;
  };

  it('boots, reports its connectors and runs metered card sessions', async () => {
    for (const v of versions) {
      const st = await eventually(async () => {
        const b = (await s.api('GET', `/api/v1/stations/${id(v)}`)).body;
        return b.bootCount >= 1 && b.connectors.length === 2 && b;
      }, 5000, `${v} booted`);
      assert.equal(st.vendor, 'Sim Test');
      const session = await eventually(async () => {
        const list = (await s.api('GET', `/api/v1/sessions?stationId=${id(v)}`)).body.items;
        return list.find((x: { energyWh: number; tokenUid: string }) => x.energyWh > 0 && x.tokenUid === CARD);
      }, 8000, `${v} metered session`);
      assert.equal(session.status, 'active');
    }
  });

  for (const v of versions) {
    it(`OCPP ${v}: answers every command, honouring availability and reset`, async () => {
      const v16 = v === '1.6';
      assert.equal((await reply(v, 'ClearCache', {})).status, 'Accepted');
      await reply(v, 'SendLocalList', v16 ? { listVersion: 7, updateType: 'Full' } : { versionNumber: 7, updateType: 'Full' });
      assert.equal((await reply(v, 'GetLocalListVersion', {}))[v16 ? 'listVersion' : 'versionNumber'], 7);
      assert.equal((await reply(v, 'TriggerMessage', { requestedMessage: 'Heartbeat' })).status, 'Accepted');
      assert.equal((await reply(v, 'DataTransfer', { vendorId: 'com.example' })).status, 'UnknownVendorId');
      if (v16) {
        const conf = await reply(v, 'GetConfiguration', { key: ['HeartbeatInterval', 'NoSuchKey'] });
        assert.deepEqual(conf.unknownKey, ['NoSuchKey']);
        assert.equal((await reply(v, 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '120' })).status, 'Accepted');
        assert.equal((await reply(v, 'ChangeConfiguration', { key: 'NumberOfConnectors', value: '3' })).status, 'Rejected');
        assert.equal((await reply(v, 'GetConfiguration', { key: ['HeartbeatInterval'] })).configurationKey[0].value, '120');
      } else {
        const component = { name: 'OCPPCommCtrlr' };
        const set = await reply(v, 'SetVariables', { setVariableData: [{ component, variable: { name: 'HeartbeatInterval' }, attributeValue: '120' }] });
        assert.equal(set.setVariableResult[0].attributeStatus, 'Accepted');
        const got = await reply(v, 'GetVariables', {
          getVariableData: [
            { component, variable: { name: 'HeartbeatInterval' } },
            { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' } },
          ],
        });
        assert.equal(got.getVariableResult[0].attributeValue, '120');
        assert.equal(got.getVariableResult[1].attributeStatus, 'UnknownComponent');
      }
      // Availability: EVSE 2 goes out of service and says so.
      const avail = v16 ? { connectorId: 2, type: 'Inoperative' } : { operationalStatus: 'Inoperative', evse: { id: 2 } };
      assert.match((await reply(v, 'ChangeAvailability', avail)).status, /Accepted|Scheduled/);
      await eventually(async () => {
        const b = (await s.api('GET', `/api/v1/stations/${id(v)}`)).body;
        return b.connectors.find((c: { evseId: number }) => c.evseId === 2)?.status === 'Unavailable' || (await reply(v, 'ChangeAvailability', avail)).status === 'Scheduled';
      }, 5000, 'EVSE 2 unavailable (or scheduled)');
      const back = v16 ? { connectorId: 2, type: 'Operative' } : { operationalStatus: 'Operative', evse: { id: 2 } };
      assert.equal((await reply(v, 'ChangeAvailability', back)).status, 'Accepted');
      // Unlock ends the session on EVSE 1, if any.
      assert.equal((await reply(v, 'UnlockConnector', v16 ? { connectorId: 1 } : { evseId: 1, connectorId: 1 })).status, 'Unlocked');
      // A command nobody implements is refused with a CALLERROR, not ignored.
      const unknown = await call(v, 'CancelReservation', { reservationId: 1 });
      assert.equal(unknown.kind, 'error');
      // Reset: the station goes away and boots again.
      const boots = (await s.api('GET', `/api/v1/stations/${id(v)}`)).body.bootCount;
      assert.equal((await reply(v, 'Reset', v16 ? { type: 'Soft' } : { type: 'Immediate' })).status, 'Accepted');
      await eventually(async () => (await s.api('GET', `/api/v1/stations/${id(v)}`)).body.bootCount > boots, 8000, `${v} booted again after reset`);
    });
  }

  it('starts and stops app sessions the CSMS asks for', async () => {
    // Free EVSE 2 of the card session it may be running (unlocking ends it).
    await reply('2.0.1', 'UnlockConnector', { evseId: 2, connectorId: 1 });
    await eventually(async () => {
      const b = (await s.api('GET', `/api/v1/stations/${id('2.0.1')}`)).body;
      return b.connectors.find((c: { evseId: number }) => c.evseId === 2)?.status === 'Available';
    }, 5000, 'EVSE 2 available');
    const remote = await s.api('POST', `/api/v1/stations/${id('2.0.1')}/remote-start`, { tokenUid: CARD, evseId: 2 });
    assert.equal(remote.status, 200, JSON.stringify(remote.body));
    assert.equal(remote.body.status, 'Accepted');
    const session = await eventually(async () => {
      const list = (await s.api('GET', `/api/v1/sessions?stationId=${id('2.0.1')}&status=active`)).body.items;
      return list.find((x: { remoteStartId: number | null }) => x.remoteStartId !== null);
    }, 5000, 'app session');
    assert.equal((await s.api('POST', `/api/v1/sessions/${session.id}/stop`)).status, 200);
    await eventually(async () => (await s.api('GET', `/api/v1/sessions/${session.id}`)).body.status === 'completed', 5000, 'stopped');
  });
});
