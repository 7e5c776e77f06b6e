/**
 * Liveness and ordering: dead sockets are found by ping/pong, late status replays do not
 * overwrite newer statuses, the message log keeps its retention, and a station sending
 * garbage does not disturb another one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { bootPayload, connectStation, statusPayload } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';

for (const backend of await backends()) {
  describe(`liveness and ordering on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, { env: { WS_PING_INTERVAL_SEC: '1' } });
    });
    after(() => s.close());

    it('drops a socket that stops answering pings, and marks the station offline', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'MUTE' });
      const ws = new WebSocket(`${s.ocppUrl}/MUTE`, ['ocpp1.6'], { autoPong: false });
      await new Promise((r) => ws.once('open', r));
      assert.equal((await s.api('GET', '/api/v1/stations/MUTE')).body.connected, true);
      const closed = new Promise((r) => ws.once('close', r));
      await closed;
      await eventually(async () => (await s.api('GET', '/api/v1/stations/MUTE')).body.connected === false, 5000, 'offline');
    });

    it('keeps a silent station that answers pings connected', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'QUIET' });
      const ws = new WebSocket(`${s.ocppUrl}/QUIET`, ['ocpp1.6']);
      await new Promise((r) => ws.once('open', r));
      const firstSeen = (await s.api('GET', '/api/v1/stations/QUIET')).body.lastSeenAt;
      await new Promise((r) => setTimeout(r, 2500));
      const st = (await s.api('GET', '/api/v1/stations/QUIET')).body;
      assert.equal(st.connected, true);
      assert.ok(Date.parse(st.lastSeenAt) > Date.parse(firstSeen), 'pongs count as signs of life');
      // and the buffered last-seen time reaches the database
      await s.app.services.stations.flushPresence();
      const row = await s.app.database.query<{ last_seen_at: Date | string }>(`SELECT last_seen_at FROM stations WHERE id = 'QUIET'`);
      assert.ok(new Date(row.rows[0]!.last_seen_at).getTime() > Date.parse(firstSeen));
      ws.close();
    });

    it('keeps the newest status when an older one is replayed after an outage', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'REPLAY' });
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: 'REPLAY', version: '2.0.1' });
      await cp.call('StatusNotification', statusPayload('2.0.1', 1, 'Occupied', '2026-03-01T10:05:00Z'));
      await cp.call('StatusNotification', statusPayload('2.0.1', 1, 'Available', '2026-03-01T10:00:00Z'));
      const c = (await s.api('GET', '/api/v1/stations/REPLAY')).body.connectors[0];
      assert.deepEqual([c.status, c.statusAt], ['Occupied', '2026-03-01T10:05:00.000Z']);
      const history = await s.app.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM connector_status_events WHERE station_id = 'REPLAY'`);
      assert.equal(history.rows[0]?.n, 2);
      await cp.close();
    });

    it('keeps serving a good station while another sends garbage', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'GOOD-1' });
      await s.api('POST', '/api/v1/stations', { id: 'NOISY' });
      const good = await connectStation({ endpoint: s.ocppUrl, identity: 'GOOD-1', version: '2.0.1' });
      const noisy = new WebSocket(`${s.ocppUrl}/NOISY`, ['ocpp2.0.1']);
      await new Promise((r) => noisy.once('open', r));
      const junk = ['{', '[]', '[2]', '[2,"x","BootNotification",{"reason":1}]', '[9,"y"]', 'null', '[3,"z",{}]', '\u0000\u0001'];
      let sent = 0;
      const spam = setInterval(() => {
        for (const j of junk) noisy.send(j);
        sent += junk.length;
      }, 1);
      try {
        for (let i = 0; i < 50; i++) {
          const r = (await good.call(i % 2 ? 'Heartbeat' : 'BootNotification', i % 2 ? {} : bootPayload('2.0.1'))) as Record<string, unknown>;
          assert.ok(r.currentTime);
        }
      } finally {
        clearInterval(spam);
      }
      assert.ok(sent > 100);
      assert.equal(noisy.readyState, WebSocket.OPEN, 'the noisy station is answered, not dropped');
      noisy.close();
      await good.close();
      // Even a frame with U+0000 (which jsonb cannot hold) is kept in the log.
      const log = (await s.api('GET', '/api/v1/stations/NOISY/messages?limit=1000')).body.items as Array<{ payload: { unreadable?: string } }>;
      assert.ok(log.some((m) => m.payload?.unreadable === '\ufffd\u0001'));
    });
  });
}
