/**
 * The station overview drivers open from the portal (and from a QR code's link): statuses as
 * each OCPP version reports them, the caller's own session named, other drivers' sessions
 * only "charging", unknown stations 404 and anonymous callers 401.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { registerDriver, uniq } from './helpers/billing.ts';
import { versions } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation } from './helpers/scripted-station.ts';

for (const backend of await backends()) {
  describe(`station overview on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    for (const version of versions) {
      it(`OCPP ${version}: a driver sees the EVSEs' statuses and their own session, never another's`, async () => {
        const id = uniq('OV');
        assert.equal((await s.api('POST', '/api/v1/stations', { id, name: 'Harbour 1' })).status, 201);
        const d = await registerDriver(s);
        const other = await registerDriver(s);
        const overview = (token: string) => s.api('GET', `/api/v1/stations/${id}/overview`, undefined, token);

        const offline = await overview(d.token);
        assert.deepEqual([offline.status, offline.body], [200, { id, name: 'Harbour 1', connected: false, evses: [] }]);

        const st = await ScriptedStation.connect(s.ocppUrl, id, version);
        await st.boot();
        await st.status(1, 'Available');
        await st.status(2, version === '1.6' ? 'Faulted' : 'Unavailable');
        const online = await eventually(async () => {
          const b = (await overview(d.token)).body;
          return b.connected && b.evses.length === 2 && b;
        }, 5000, 'both EVSEs');
        assert.deepEqual(
          online.evses.map((e: { evseId: number; status: string; charging: boolean }) => [e.evseId, e.status, e.charging]),
          [[1, 'Available', false], [2, version === '1.6' ? 'Faulted' : 'Unavailable', false]],
        );

        const { txId } = await st.start(d.uid, { evseId: 1, meterWh: 0, at: new Date().toISOString(), type: 'Central' });
        const mine = await eventually(async () => (await overview(d.token)).body.evses[0].mySessionId, 5000, 'my session');
        const sessions = (await s.api('GET', '/api/v1/sessions?status=active', undefined, d.token)).body.items;
        assert.deepEqual(sessions.map((x: { id: string }) => x.id), [mine]);

        const theirs = (await overview(other.token)).body.evses[0];
        assert.deepEqual([theirs.status, theirs.charging, theirs.mySessionId], ['Occupied', true, null]);
        const operators = (await overview(s.adminToken)).body.evses[0];
        assert.deepEqual([operators.charging, operators.mySessionId], [true, null]);

        await st.stop(txId, { at: new Date().toISOString(), wh: 100 });
        await eventually(async () => (await overview(d.token)).body.evses[0].charging === false, 5000, 'the session to end');
        await st.close();
      });
    }

    it('answers 404 for an unknown station and 401 without a token', async () => {
      const d = await registerDriver(s);
      const unknown = await s.api('GET', '/api/v1/stations/NOPE-404/overview', undefined, d.token);
      assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'STATION_NOT_FOUND']);
      assert.equal((await s.api('GET', '/api/v1/stations/NOPE-404/overview', undefined, null)).status, 401);
    });
  });
}
