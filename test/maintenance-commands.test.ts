/**
 * Remote control: every command reaches strict ocpp-rpc stations (1.6 and 2.0.1) in their
 * version's own words and answers with the station's reply; refusals, silence, CALLERRORs,
 * offline stations and commands a version lacks get their own answers; raw calls are
 * validated before they are sent; every command lands in the audit log; viewers cannot
 * command.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createRPCError, type RPCClient } from 'ocpp-rpc';
import { startServer, type TestServer } from './helpers/app.ts';
import { connectStation, onCall, type Version } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';

let n = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${(n++).toString(36)}`.toUpperCase();
const v16 = (v: Version) => v === '1.6';

/** A registered, connected strict station that records every call it gets. */
async function station(s: TestServer, version: Version) {
  const id = uniq('CMD');
  assert.equal((await s.api('POST', '/api/v1/stations', { id })).status, 201);
  const client = await connectStation({ endpoint: s.ocppUrl, identity: id, version });
  const calls: Array<{ action: string; params: any }> = [];
  const answer = (action: string, reply: (params: any) => unknown) =>
    onCall(client, action, async (params) => {
      calls.push({ action, params });
      return reply(params);
    });
  return { id, client, calls, answer };
}

interface Case {
  path: string;
  body: unknown;
  action: Record<Version, string>;
  sent: Record<Version, unknown>;
  reply: Record<Version, unknown>;
  answer: unknown;
}

const cfg = (v: Version) => (v16(v) ? {} : { component: 'OCPPCommCtrlr' });
const cv = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

const cases = (v: Version): Case[] => [
  {
    path: 'unlock-connector',
    body: { evseId: 1 },
    action: { '1.6': 'UnlockConnector', '2.0.1': 'UnlockConnector', '2.1': 'UnlockConnector' },
    sent: { '1.6': { connectorId: 1 }, '2.0.1': { evseId: 1, connectorId: 1 }, '2.1': {} },
    reply: { '1.6': { status: 'Unlocked' }, '2.0.1': { status: 'Unlocked' }, '2.1': {} },
    answer: { status: 'Unlocked' },
  },
  {
    path: 'change-availability',
    body: { availability: 'Inoperative' },
    action: { '1.6': 'ChangeAvailability', '2.0.1': 'ChangeAvailability', '2.1': '' },
    sent: { '1.6': { connectorId: 0, type: 'Inoperative' }, '2.0.1': { operationalStatus: 'Inoperative' }, '2.1': {} },
    reply: { '1.6': { status: 'Scheduled' }, '2.0.1': { status: 'Scheduled' }, '2.1': {} },
    answer: { status: 'Scheduled' },
  },
  {
    path: 'change-availability',
    body: { availability: 'Operative', evseId: 2 },
    action: { '1.6': 'ChangeAvailability', '2.0.1': 'ChangeAvailability', '2.1': '' },
    sent: { '1.6': { connectorId: 2, type: 'Operative' }, '2.0.1': { operationalStatus: 'Operative', evse: { id: 2 } }, '2.1': {} },
    reply: { '1.6': { status: 'Accepted' }, '2.0.1': { status: 'Accepted' }, '2.1': {} },
    answer: { status: 'Accepted' },
  },
  {
    path: 'trigger-message',
    body: { message: 'StatusNotification', evseId: 1 },
    action: { '1.6': 'TriggerMessage', '2.0.1': 'TriggerMessage', '2.1': '' },
    sent: { '1.6': { requestedMessage: 'StatusNotification', connectorId: 1 }, '2.0.1': { requestedMessage: 'StatusNotification', evse: { id: 1 } }, '2.1': {} },
    reply: { '1.6': { status: 'Accepted' }, '2.0.1': { status: 'Accepted' }, '2.1': {} },
    answer: { status: 'Accepted' },
  },
  {
    path: 'trigger-message',
    body: { message: 'LogStatusNotification' },
    action: { '1.6': 'TriggerMessage', '2.0.1': 'TriggerMessage', '2.1': '' },
    sent: { '1.6': { requestedMessage: 'DiagnosticsStatusNotification' }, '2.0.1': { requestedMessage: 'LogStatusNotification' }, '2.1': {} },
    reply: { '1.6': { status: 'NotImplemented' }, '2.0.1': { status: 'Rejected' }, '2.1': {} },
    answer: { status: v16(v) ? 'NotImplemented' : 'Rejected' },
  },
  {
    path: 'data-transfer',
    body: { vendorId: 'com.example', messageId: 'ping', data: { a: 1 } },
    action: { '1.6': 'DataTransfer', '2.0.1': 'DataTransfer', '2.1': '' },
    sent: { '1.6': { vendorId: 'com.example', messageId: 'ping', data: '{"a":1}' }, '2.0.1': { vendorId: 'com.example', messageId: 'ping', data: { a: 1 } }, '2.1': {} },
    reply: { '1.6': { status: 'Accepted', data: 'pong' }, '2.0.1': { status: 'Accepted', data: 'pong' }, '2.1': {} },
    answer: { status: 'Accepted', data: 'pong' },
  },
  {
    path: 'clear-cache',
    body: undefined,
    action: { '1.6': 'ClearCache', '2.0.1': 'ClearCache', '2.1': '' },
    sent: { '1.6': {}, '2.0.1': {}, '2.1': {} },
    reply: { '1.6': { status: 'Rejected' }, '2.0.1': { status: 'Rejected' }, '2.1': {} },
    answer: { status: 'Rejected' },
  },
  {
    path: 'get-configuration',
    body: { settings: [{ ...cfg(v), variable: 'HeartbeatInterval' }] },
    action: { '1.6': 'GetConfiguration', '2.0.1': 'GetVariables', '2.1': '' },
    sent: { '1.6': { key: ['HeartbeatInterval'] }, '2.0.1': { getVariableData: [cv] }, '2.1': {} },
    reply: {
      '1.6': { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['Nope'] },
      '2.0.1': { getVariableResult: [{ ...cv, attributeStatus: 'Accepted', attributeValue: '300' }] },
      '2.1': {},
    },
    answer: v16(v)
      ? { items: [{ variable: 'HeartbeatInterval', value: '300', readonly: false, status: 'Accepted' }, { variable: 'Nope', status: 'UnknownVariable' }] }
      : { items: [{ component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval', status: 'Accepted', value: '300' }] },
  },
  {
    path: 'set-configuration',
    body: { settings: [{ ...cfg(v), variable: 'HeartbeatInterval', value: '600' }] },
    action: { '1.6': 'ChangeConfiguration', '2.0.1': 'SetVariables', '2.1': '' },
    sent: { '1.6': { key: 'HeartbeatInterval', value: '600' }, '2.0.1': { setVariableData: [{ ...cv, attributeValue: '600' }] }, '2.1': {} },
    reply: { '1.6': { status: 'RebootRequired' }, '2.0.1': { setVariableResult: [{ ...cv, attributeStatus: 'RebootRequired' }] }, '2.1': {} },
    answer: { items: [{ ...cfg(v), variable: 'HeartbeatInterval', status: 'RebootRequired' }] },
  },
];

for (const backend of await backends()) {
  describe(`station commands on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, { env: { OCPP_CALL_TIMEOUT_SEC: '1' } });
    });
    after(() => s.close());

    for (const version of ['1.6', '2.0.1', '2.1'] as const) {
      it(`OCPP ${version}: reset answers the station's status, refusals included`, async () => {
        const st = await station(s, version);
        st.answer('Reset', (p) => ({ status: p.type === 'Hard' || p.type === 'OnIdle' ? 'Rejected' : 'Accepted' }));
        const soft = await s.api('POST', `/api/v1/stations/${st.id}/commands/reset`, { type: 'Soft' });
        assert.deepEqual([soft.status, soft.body], [200, { status: 'Accepted' }]);
        assert.deepEqual(st.calls[0]!.params, v16(version) ? { type: 'Soft' } : { type: 'Immediate' });
        const hard = await s.api('POST', `/api/v1/stations/${st.id}/commands/reset`, { type: 'Hard' });
        assert.deepEqual([hard.status, hard.body], [200, { status: v16(version) ? 'Rejected' : 'Accepted' }]);
        const idle = await s.api('POST', `/api/v1/stations/${st.id}/commands/reset`, { type: 'Soft', onIdle: true, evseId: 1 });
        if (v16(version)) {
          assert.equal(idle.status, 409);
          assert.match(idle.body.error.message, /on-idle/);
          assert.equal(st.calls.length, 2, 'not sent');
        } else {
          assert.deepEqual([idle.status, idle.body], [200, { status: 'Rejected' }]);
          assert.deepEqual(st.calls[2]!.params, { type: 'OnIdle', evseId: 1 });
        }
        assert.equal((await s.api('POST', `/api/v1/stations/${st.id}/commands/reset`, { type: 'Warm' })).status, 400);
        await st.client.close();
      });

      it(`OCPP ${version}: every command reaches the station in its version's words`, async () => {
        const st = await station(s, version);
        // 2.1 sends these as 2.0.1 does (its schemas validate both ways).
        const as = version === '2.1' ? '2.0.1' : version;
        for (const c of cases(version)) {
          const action = c.action[as];
          st.calls.length = 0;
          st.answer(action, () => c.reply[as]);
          const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/${c.path}`, c.body);
          assert.equal(r.status, 200, `${c.path}: ${JSON.stringify(r.body)}`);
          assert.deepEqual(r.body, c.answer, c.path);
          assert.deepEqual(st.calls, [{ action, params: c.sent[as] }], c.path);
        }
        // What was read and set is kept in the station's device model.
        const dm = (await s.api('GET', `/api/v1/stations/${st.id}/device-model?variable=HeartbeatInterval`)).body;
        assert.equal(dm.items.length, 1);
        assert.deepEqual([dm.items[0].value, dm.items[0].source, dm.items[0].component], ['600', 'set', v16(version) ? null : 'OCPPCommCtrlr']);
        await st.client.close();
      });

      it(`OCPP ${version}: reserves with an id the CSMS chooses, and cancels`, async () => {
        const st = await station(s, version);
        const uid = randomBytes(4).toString('hex').toUpperCase();
        await s.api('POST', '/api/v1/tokens', { uid, type: 'ISO14443' });
        st.answer('ReserveNow', () => ({ status: 'Accepted' }));
        st.answer('CancelReservation', () => ({ status: 'Accepted' }));
        const expiresAt = new Date(Date.now() + 3600_000).toISOString();
        const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/reserve-now`, { tokenUid: uid, evseId: 1, expiresAt });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.status, 'Accepted');
        const id = r.body.reservation.id;
        assert.deepEqual(
          st.calls[0]!.params,
          v16(version)
            ? { connectorId: 1, expiryDate: expiresAt, idTag: uid, reservationId: id }
            : { id, expiryDateTime: expiresAt, idToken: { idToken: uid, type: 'ISO14443' }, evseId: 1 },
        );
        const c = await s.api('POST', `/api/v1/reservations/${id}/cancel`);
        assert.deepEqual([c.status, c.body.status, c.body.reservation.status], [200, 'Accepted', 'Cancelled']);
        assert.deepEqual(st.calls[1]!.params, { reservationId: id });
        if (!v16(version)) {
          // A station reports a reservation it dropped on its own.
          const r2 = await s.api('POST', `/api/v1/stations/${st.id}/commands/reserve-now`, { tokenUid: uid, expiresAt });
          await st.client.call('ReservationStatusUpdate', { reservationId: r2.body.reservation.id, reservationUpdateStatus: 'Expired' });
          const list = (await s.api('GET', `/api/v1/reservations?stationId=${st.id}`)).body.items;
          assert.equal(list.find((x: any) => x.id === r2.body.reservation.id).status, 'Expired');
        }
        assert.equal((await s.api('POST', `/api/v1/stations/${st.id}/commands/reserve-now`, { tokenUid: 'NOPE', expiresAt })).status, 404);
        await st.client.close();
      });

      it(`OCPP ${version}: answers 409 offline, 504 silent, 502 for a CALLERROR, 409 for what the version lacks`, async () => {
        const offline = uniq('OFF');
        await s.api('POST', '/api/v1/stations', { id: offline });
        const r409 = await s.api('POST', `/api/v1/stations/${offline}/commands/unlock-connector`, { evseId: 1 });
        assert.equal(r409.status, 409);
        assert.equal(r409.body.error.code, 'STATION_OFFLINE');
        assert.equal((await s.api('POST', '/api/v1/stations/NO-SUCH/commands/reset', { type: 'Soft' })).status, 404);

        const st = await station(s, version);
        st.answer('UnlockConnector', () => new Promise(() => {}));
        const r504 = await s.api('POST', `/api/v1/stations/${st.id}/commands/unlock-connector`, { evseId: 1 });
        assert.equal(r504.status, 504);
        st.answer('ChangeAvailability', () => {
          throw createRPCError('NotSupported', 'not on this model');
        });
        const r502 = await s.api('POST', `/api/v1/stations/${st.id}/commands/change-availability`, { availability: 'Operative' });
        assert.equal(r502.status, 502);
        assert.equal(r502.body.error.details.code, 'NotSupported');
        const lacking = v16(version)
          ? await s.api('POST', `/api/v1/stations/${st.id}/commands/trigger-message`, { message: 'TransactionEvent' })
          : await s.api('POST', `/api/v1/stations/${st.id}/commands/get-configuration`, {});
        assert.equal(lacking.status, 409);
        assert.ok(lacking.body.error.message.length > 20, 'with a sentence');
        if (v16(version)) assert.equal((await s.api('POST', `/api/v1/stations/${st.id}/commands/get-base-report`, {})).status, 409);
        await st.client.close({ force: true });
      });

      it(`OCPP ${version}: raw calls answer the result or the CALLERROR, and refuse a bad payload without sending it`, async () => {
        const st = await station(s, version);
        const action = v16(version) ? 'GetConfiguration' : 'GetVariables';
        const good = v16(version) ? { key: ['MeterValueSampleInterval'] } : { getVariableData: [{ component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' } }] };
        const result = v16(version)
          ? { configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '60' }] }
          : { getVariableResult: [{ attributeStatus: 'Accepted', attributeValue: '60', component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' } }] };
        let fail = false;
        st.answer(action, () => {
          if (fail) throw createRPCError('GenericError', 'busy');
          return result;
        });
        const r = await s.api('POST', `/api/v1/stations/${st.id}/ocpp/${action}`, good);
        assert.deepEqual([r.status, r.body], [200, { result }]);
        fail = true;
        const e = await s.api('POST', `/api/v1/stations/${st.id}/ocpp/${action}`, good);
        assert.equal(e.status, 200);
        assert.deepEqual([e.body.error.code, e.body.error.description], ['GenericError', 'busy']);
        const bad = await s.api('POST', `/api/v1/stations/${st.id}/ocpp/${action}`, v16(version) ? { key: 'not-a-list' } : { getVariableData: [] });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
        assert.equal(st.calls.length, 2, 'the bad payload was not sent');
        assert.equal((await s.api('POST', `/api/v1/stations/${st.id}/ocpp/BootNotification`, {})).status, 400);
        assert.equal((await s.api('POST', `/api/v1/stations/${st.id}/ocpp/NoSuchAction`, {})).status, 400);
        await st.client.close();
      });
    }

    it('2.0.1: a base report builds the device model inventory from NotifyReport parts', async () => {
      const st = await station(s, '2.0.1');
      let requestId = 0;
      st.answer('GetBaseReport', (p) => {
        requestId = p.requestId;
        return { status: 'Accepted' };
      });
      const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/get-base-report`, {});
      assert.deepEqual([r.status, r.body.status, r.body.requestId], [200, 'Accepted', requestId]);
      assert.equal(st.calls[0]!.params.reportBase, 'FullInventory');
      const generatedAt = new Date().toISOString();
      await st.client.call('NotifyReport', {
        requestId,
        generatedAt,
        seqNo: 0,
        tbc: true,
        reportData: [
          {
            component: { name: 'OCPPCommCtrlr' },
            variable: { name: 'HeartbeatInterval' },
            variableAttribute: [{ type: 'Actual', value: '300', mutability: 'ReadWrite', persistent: true }],
            variableCharacteristics: { dataType: 'integer', unit: 's', minLimit: 10, supportsMonitoring: false },
          },
        ],
      });
      await st.client.call('NotifyReport', {
        requestId,
        generatedAt,
        seqNo: 1,
        reportData: [
          {
            component: { name: 'EVSE', evse: { id: 1 } },
            variable: { name: 'AvailabilityState' },
            variableAttribute: [{ value: 'Available', mutability: 'ReadOnly' }],
            variableCharacteristics: { dataType: 'OptionList', valuesList: 'Available,Occupied,Faulted', supportsMonitoring: true },
          },
        ],
      });
      const dm = (await s.api('GET', `/api/v1/stations/${st.id}/device-model`)).body;
      assert.equal(dm.total, 2);
      const hb = dm.items.find((i: any) => i.variable === 'HeartbeatInterval');
      assert.deepEqual([hb.value, hb.mutability, hb.dataType, hb.unit, hb.minLimit, hb.source], ['300', 'ReadWrite', 'integer', 's', 10, 'report']);
      const evse = dm.items.find((i: any) => i.component === 'EVSE');
      assert.deepEqual([evse.evseId, evse.value, evse.valuesList], [1, 'Available', 'Available,Occupied,Faulted']);
      const reports = (await s.api('GET', `/api/v1/stations/${st.id}/device-model/reports`)).body.items;
      assert.deepEqual([reports[0].requestId, reports[0].status, reports[0].parts, reports[0].items], [requestId, 'Complete', 2, 2]);
      await st.client.close();
    });

    it('2.0.1: monitors are set, reported and cleared, and their NotifyEvents are kept', async () => {
      const st = await station(s, '2.0.1');
      const setting = { component: 'EVSE', evseId: 1, variable: 'Power' };
      const wire = { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' } };
      st.answer('SetVariableMonitoring', (p) => ({
        setMonitoringResult: p.setMonitoringData.map((m: any, i: number) => ({ id: 40 + i, status: 'Accepted', type: m.type, severity: m.severity, component: m.component, variable: m.variable })),
      }));
      const r = await s.api('POST', `/api/v1/stations/${st.id}/commands/set-variable-monitoring`, {
        monitors: [{ setting, type: 'UpperThreshold', value: 22000, severity: 4 }],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual([r.body.results[0].id, r.body.results[0].status], [40, 'Accepted']);
      assert.deepEqual(st.calls[0]!.params.setMonitoringData[0], { ...wire, value: 22000, type: 'UpperThreshold', severity: 4 });
      assert.deepEqual((await s.api('GET', `/api/v1/stations/${st.id}/monitors`)).body.items.map((m: any) => [m.monitorId, m.value]), [[40, 22000]]);
      await st.client.call('NotifyEvent', {
        generatedAt: new Date().toISOString(),
        seqNo: 0,
        eventData: [
          { eventId: 7, timestamp: new Date().toISOString(), trigger: 'Alerting', actualValue: '23100', variableMonitoringId: 40, eventNotificationType: 'CustomMonitor', ...wire },
        ],
      });
      const events = (await s.api('GET', `/api/v1/stations/${st.id}/device-events`)).body.items;
      assert.deepEqual([events[0].eventId, events[0].actualValue, events[0].monitorId, events[0].evseId], [7, '23100', 40, 1]);
      st.answer('ClearVariableMonitoring', (p) => ({ clearMonitoringResult: p.id.map((id: number) => ({ id, status: 'Accepted' })) }));
      const c = await s.api('POST', `/api/v1/stations/${st.id}/commands/clear-variable-monitoring`, { ids: [40] });
      assert.deepEqual(c.body, { results: [{ id: 40, status: 'Accepted' }] });
      assert.deepEqual((await s.api('GET', `/api/v1/stations/${st.id}/monitors`)).body.items, []);
      await st.client.close();
    });

    it('writes every command to the audit log: who, what, when, result', async () => {
      const st = await station(s, '2.0.1');
      st.answer('Reset', () => ({ status: 'Accepted' }));
      await s.api('POST', `/api/v1/stations/${st.id}/commands/reset`, { type: 'Hard' });
      await s.api('POST', `/api/v1/stations/${st.id}/ocpp/ClearCache`, {});
      // A command from another capability's route is audited with its caller too.
      const before = (await s.api('GET', `/api/v1/audit?stationId=${st.id}`)).body.items.length;
      await s.api('POST', `/api/v1/stations/${st.id}/commands/clear-cache`);
      const cleared = (await s.api('GET', `/api/v1/audit?stationId=${st.id}&command=ClearCache`)).body.items;
      assert.equal(cleared.length, 2);
      assert.match(cleared[0].actor, /^operator:/);
      assert.equal((await s.api('GET', `/api/v1/audit?stationId=${st.id}`)).body.items.length, before + 1);
      await st.client.close();
      await new Promise((r) => setTimeout(r, 100));
      await s.api('POST', `/api/v1/stations/${st.id}/commands/reset`, { type: 'Soft' });
      const log = (await s.api('GET', `/api/v1/audit?stationId=${st.id}`)).body.items;
      assert.equal(log.length, 4);
      const [offline, , raw, reset] = log;
      assert.match(reset.actor, /^operator:/);
      assert.equal(reset.actorEmail, 'admin@example.test');
      assert.deepEqual([reset.command, reset.raw, reset.request, reset.outcome, reset.status], ['Reset', false, { type: 'Hard' }, 'ok', 'Accepted']);
      assert.ok(Date.now() - Date.parse(reset.at) < 60_000);
      assert.deepEqual([raw.command, raw.raw, raw.outcome, raw.errorCode], ['ClearCache', true, 'error', 'NotImplemented']);
      assert.deepEqual([offline.outcome, offline.status], ['offline', null]);
    });

    it('lets viewers read but not command', async () => {
      await s.api('POST', '/api/v1/operators', { email: 'viewer@example.test', password: 'viewer-password-1', role: 'viewer' });
      const token = await s.login('viewer@example.test', 'viewer-password-1');
      const id = uniq('VIEW');
      await s.api('POST', '/api/v1/stations', { id });
      for (const [path, body] of [
        ['commands/reset', { type: 'Soft' }],
        ['ocpp/Reset', { type: 'Soft' }],
        ['commands/get-log', {}],
        ['commands/update-firmware', { location: 'http://x/y' }],
      ] as const) {
        assert.equal((await s.api('POST', `/api/v1/stations/${id}/${path}`, body, token)).status, 403, path);
      }
      assert.equal((await s.api('GET', '/api/v1/alerts?status=open', undefined, token)).status, 200);
      assert.equal((await s.api('GET', '/api/v1/audit', undefined, token)).status, 200);
    });
  });
}
