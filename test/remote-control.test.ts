/**
 * App-started sessions: a driver starts and stops charging from the API with their own
 * token, the station (a strict ocpp-rpc client) answers the remote start and starts the
 * transaction; drivers cannot touch other drivers' sessions; offline and silent stations
 * answer 409 and 504.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { onCall, versions } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation } from './helpers/scripted-station.ts';

let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(16).slice(-6)}${(n++).toString(16)}`.toUpperCase();

/**
 * A station that starts a transaction whenever the CSMS asks, and stops it when asked. Its own
 * calls run a moment after it answers, as a real station's do; `settled()` waits for them, so a
 * test never closes the station under a call still in flight.
 */
function obedient(st: ScriptedStation, meterWh = 1000) {
  const running = new Map<string, string>();
  const inFlight: Promise<unknown>[] = [];
  const later = (fn: () => Promise<unknown>) =>
    setTimeout(() => {
      inFlight.push(fn());
    }, 10);
  const now = () => new Date().toISOString();
  if (st.version === '1.6') {
    onCall<{ idTag: string; connectorId?: number }>(st.client, 'RemoteStartTransaction', async (params) => {
      later(async () => {
        const { txId } = await st.start(params.idTag, { evseId: params.connectorId ?? 1, meterWh, at: now() });
        running.set(txId, params.idTag);
      });
      return { status: 'Accepted' };
    });
    onCall<{ transactionId: number }>(st.client, 'RemoteStopTransaction', async (params) => {
      later(() => st.stop(String(params.transactionId), { at: now(), wh: meterWh + 2500 }, { reason: 'Remote' }));
      return { status: 'Accepted' };
    });
  } else {
    onCall<{ idToken: { idToken: string; type: string }; remoteStartId: number; evseId?: number }>(st.client, 'RequestStartTransaction', async (params) => {
      later(async () => {
        const { txId } = await st.start(params.idToken.idToken, {
          evseId: params.evseId ?? 1,
          meterWh,
          at: now(),
          remoteStartId: params.remoteStartId,
          type: params.idToken.type,
        });
        running.set(txId, params.idToken.idToken);
      });
      return { status: 'Accepted' };
    });
    onCall<{ transactionId: string }>(st.client, 'RequestStopTransaction', async (params) => {
      later(() => st.stop(params.transactionId, { at: now(), wh: meterWh + 2500 }, { reason: 'Remote' }));
      return { status: 'Accepted' };
    });
  }
  return { running, settled: () => Promise.all(inFlight) };
}

for (const backend of await backends()) {
  describe(`remote start and stop on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, { env: { OCPP_CALL_TIMEOUT_SEC: '2' } });
    });
    after(() => s.close());

    async function driver() {
      const email = `${uniq('d').toLowerCase()}@example.test`;
      const reg = await s.api('POST', '/api/v1/auth/register', { email, password: 'driver-password-1', name: 'App Driver' }, null);
      assert.equal(reg.status, 201);
      const token = reg.body.token as string;
      const uid = uniq('APP-');
      assert.equal((await s.api('POST', '/api/v1/tokens', { uid, type: 'Central' }, token)).status, 201);
      return { id: reg.body.driver.id as string, token, uid };
    }

    for (const version of versions) {
      it(`OCPP ${version}: a driver starts and stops charging from the app`, async () => {
        const id = uniq('APP');
        await s.api('POST', '/api/v1/stations', { id });
        const st = await ScriptedStation.connect(s.ocppUrl, id, version);
        const station = obedient(st);
        const d = await driver();
        const started = await s.api('POST', `/api/v1/stations/${id}/remote-start`, { tokenUid: d.uid, evseId: 1 }, d.token);
        assert.deepEqual([started.status, started.body], [200, { status: 'Accepted' }]);
        const session = await eventually(async () => (await s.api('GET', `/api/v1/sessions?status=active`, undefined, d.token)).body.items[0], 5000, 'the session');
        assert.equal(session.driverId, d.id);
        assert.equal(session.tokenUid, d.uid);
        assert.equal(session.stationId, id);
        assert.ok(session.remoteStartId > 0, 'tied to the remote start request');

        // Another driver can neither see nor stop it.
        const other = await driver();
        assert.equal((await s.api('POST', `/api/v1/sessions/${session.id}/stop`, undefined, other.token)).status, 403);
        assert.equal((await s.api('GET', `/api/v1/sessions/${session.id}`, undefined, other.token)).status, 403);
        assert.equal((await s.api('GET', '/api/v1/sessions', undefined, other.token)).body.items.length, 0);
        // nor start with someone else's token
        assert.equal((await s.api('POST', `/api/v1/stations/${id}/remote-start`, { tokenUid: d.uid }, other.token)).status, 403);

        const stopped = await s.api('POST', `/api/v1/sessions/${session.id}/stop`, undefined, d.token);
        assert.deepEqual([stopped.status, stopped.body], [200, { status: 'Accepted' }]);
        const done = await eventually(async () => {
          const r = (await s.api('GET', `/api/v1/sessions/${session.id}`, undefined, d.token)).body;
          return r.status === 'completed' && r;
        });
        assert.equal(done.energyWh, 2500);
        assert.equal(done.stopReason, 'Remote');
        await station.settled();
        await st.close();
      });
    }

    it('an operator starts a session with any token', async () => {
      const id = uniq('OPS');
      await s.api('POST', '/api/v1/stations', { id });
      const st = await ScriptedStation.connect(s.ocppUrl, id, '2.0.1');
      const station = obedient(st);
      const uid = uniq('F');
      await s.api('POST', '/api/v1/tokens', { uid });
      const r = await s.api('POST', `/api/v1/stations/${id}/remote-start`, { tokenUid: uid });
      assert.deepEqual(r.body, { status: 'Accepted' });
      const session = await eventually(async () => (await s.api('GET', `/api/v1/sessions?stationId=${id}`)).body.items[0], 5000, 'the session');
      assert.deepEqual([session.tokenUid, session.driverId, session.status], [uid, null, 'active']);
      await station.settled();
      await st.close();
    });

    it('answers 409 for an offline station, 504 for a silent one, and refuses a blocked token before asking', async () => {
      const uid = uniq('F');
      await s.api('POST', '/api/v1/tokens', { uid });
      const offline = uniq('OFF');
      await s.api('POST', '/api/v1/stations', { id: offline });
      const r409 = await s.api('POST', `/api/v1/stations/${offline}/remote-start`, { tokenUid: uid });
      assert.equal(r409.status, 409);
      assert.match(r409.body.error.message, /not connected/);

      const silent = uniq('MUTE');
      await s.api('POST', '/api/v1/stations', { id: silent });
      const st = await ScriptedStation.connect(s.ocppUrl, silent, '1.6');
      onCall(st.client, 'RemoteStartTransaction', () => new Promise(() => {}));
      const r504 = await s.api('POST', `/api/v1/stations/${silent}/remote-start`, { tokenUid: uid });
      assert.equal(r504.status, 504);

      const refusing = uniq('NO');
      await s.api('POST', '/api/v1/stations', { id: refusing });
      const st2 = await ScriptedStation.connect(s.ocppUrl, refusing, '2.0.1');
      onCall(st2.client, 'RequestStartTransaction', async () => ({ status: 'Rejected' }));
      assert.deepEqual((await s.api('POST', `/api/v1/stations/${refusing}/remote-start`, { tokenUid: uid })).body, { status: 'Rejected' });

      await s.api('PATCH', `/api/v1/tokens/${uid}`, { status: 'Blocked' });
      const blocked = await s.api('POST', `/api/v1/stations/${refusing}/remote-start`, { tokenUid: uid });
      assert.equal(blocked.status, 409);
      assert.match(blocked.body.error.message, /Blocked/);
      assert.equal((await s.api('POST', `/api/v1/stations/NOPE/remote-start`, { tokenUid: uid })).status, 404);
      await st.close(true);
      await st2.close();
    });
  });
}
