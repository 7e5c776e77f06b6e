/**
 * The data-retention job on both databases: each growing log loses the rows older than its
 * period, keeps the rest, and a period of 0 keeps everything. Sessions and money are not touched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../src/clock.ts';
import { startServer, type TestServer } from './helpers/app.ts';
import { backends, freshDatabase, type TestDatabase } from './helpers/db.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

for (const backend of await backends()) {
  describe(`data retention on ${backend}`, () => {
    let s: TestServer;
    let db: TestDatabase;
    const clock = new ManualClock(new Date(NOW).toISOString());
    before(async () => {
      db = await freshDatabase(backend);
      s = await startServer(backend, {
        db,
        clock,
        env: { MESSAGE_LOG_RETENTION_DAYS: '30', AUDIT_LOG_RETENTION_DAYS: '365', AUTHORIZATION_LOG_RETENTION_DAYS: '0' },
      });
    });
    after(async () => s?.close());

    const q = async (text: string, params: unknown[] = []) => (await db.database.query<Record<string, unknown>>(text, params)).rows;
    const left = async (table: string, marker: string, column: string) =>
      (await q(`SELECT ${column} AS m FROM ${table} WHERE ${column} LIKE $1 ORDER BY ${column}`, [`${marker}%`])).map((r) => r.m);

    it('deletes what is older than each log\'s period, keeps the rest; 0 keeps everything', async () => {
      for (const d of [400, 366, 364, 31, 29, 0]) {
        await q(`INSERT INTO ocpp_messages (station_id, direction, message_type, message_id, action, at) VALUES ('RET', 'in', 2, $1, 'Heartbeat', $2)`, [`ret-${d}`, daysAgo(d)]);
        await q(`INSERT INTO audit_log (at, actor, action, status, outcome) VALUES ($1, 'operator:ret', $2, 200, 'ok')`, [daysAgo(d), `ret-${d}`]);
        await q(`INSERT INTO command_audit (at, actor, station_id, command, outcome, duration_ms) VALUES ($1, 'system:ret', 'RET', $2, 'ok', 1)`, [daysAgo(d), `ret-${d}`]);
        await q(`INSERT INTO authorization_decisions (station_id, uid, purpose, status, at) VALUES ('RET', $1, 'Authorize', 'Accepted', $2)`, [`ret-${d}`, daysAgo(d)]);
      }
      const deleted = await s.app.services.retention.apply();
      assert.deepEqual(deleted, { ocpp_messages: 4, audit_log: 2, command_audit: 2 }, 'nothing is asked of authorization_decisions (0: kept for ever)');
      assert.deepEqual(await left('ocpp_messages', 'ret-', 'message_id'), ['ret-0', 'ret-29']);
      assert.deepEqual(await left('audit_log', 'ret-', 'action'), ['ret-0', 'ret-29', 'ret-31', 'ret-364']);
      assert.deepEqual(await left('command_audit', 'ret-', 'command'), ['ret-0', 'ret-29', 'ret-31', 'ret-364']);
      assert.equal((await left('authorization_decisions', 'ret-', 'uid')).length, 6);
      // The message log's API no longer shows what was deleted.
      const api = (await s.api('GET', '/api/v1/stations/RET/messages')).body.items.map((m: { messageId: string }) => m.messageId);
      assert.deepEqual(api.sort(), ['ret-0', 'ret-29']);
    });

    it('runs again with nothing to do, and deletes in chunks past the first', async () => {
      assert.deepEqual(await s.app.services.retention.apply(), { ocpp_messages: 0, audit_log: 0, command_audit: 0 });
      await q(`INSERT INTO ocpp_messages (station_id, direction, message_type, message_id, action, at)
               SELECT 'RET2', 'in', 2, 'bulk-' || g, 'Heartbeat', $1 FROM generate_series(1, 25000) g`, [daysAgo(45)]);
      assert.equal((await s.app.services.retention.apply()).ocpp_messages, 25_000);
      assert.equal(Number((await q(`SELECT count(*) AS n FROM ocpp_messages WHERE station_id = 'RET2'`))[0]!.n), 0);
    });
  });
}
