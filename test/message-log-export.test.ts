/**
 * The per-station OCPP log in the API: searched by action, time and text, exported whole as
 * streamed CSV and NDJSON; and security events stations report, stored and surfaced.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { startServer, type TestServer } from './helpers/app.ts';
import { bootPayload, connectStation } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';

for (const backend of await backends()) {
  describe(`message log and security events on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    it('searches the log by action and text, and exports it as CSV and NDJSON', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'LOG-1' });
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: 'LOG-1', version: '1.6' });
      await cp.call('BootNotification', bootPayload('1.6', 'Needle "V", Inc.'));
      for (let i = 0; i < 5; i++) await cp.call('Heartbeat', {});
      await cp.close();
      const all = (await s.api('GET', '/api/v1/stations/LOG-1/messages?limit=1000')).body.items;
      assert.equal(all.length, 12, 'six calls and their six answers');
      const found = (await s.api('GET', '/api/v1/stations/LOG-1/messages?q=needle')).body.items;
      assert.deepEqual(found.map((m: any) => [m.action, m.direction]), [['BootNotification', 'in']]);
      assert.equal((await s.api('GET', '/api/v1/stations/LOG-1/messages?action=Heartbeat')).body.items.length, 10);
      assert.equal((await s.api('GET', '/api/v1/stations/LOG-1/messages?q=100%25')).body.items.length, 0, 'LIKE wildcards are literal');

      const csv = await fetch(`${s.baseUrl}/api/v1/stations/LOG-1/messages/export?format=csv`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(csv.headers.get('content-disposition') ?? '', /LOG-1-ocpp-.*\.csv/);
      const rows = parse(await csv.text(), { columns: true }) as Array<Record<string, string>>;
      assert.equal(rows.length, 12);
      const boot = rows.find((r) => r.action === 'BootNotification' && r.direction === 'in')!;
      assert.equal(JSON.parse(boot.payload!).chargePointVendor, 'Needle "V", Inc.', 'quotes and commas survive');

      const nd = await fetch(`${s.baseUrl}/api/v1/stations/LOG-1/messages/export?format=ndjson&action=Heartbeat`, { headers: { authorization: `Bearer ${s.adminToken}` } });
      const lines = (await nd.text()).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 10);
      assert.ok(lines.every((l) => l.action === 'Heartbeat'));
      assert.ok(lines[0].id > lines[9].id, 'newest first');
      assert.equal((await fetch(`${s.baseUrl}/api/v1/stations/LOG-1/messages/export`)).status, 401);
    });

    it('stores security events in both versions and surfaces them, critical ones marked', async () => {
      for (const [id, version] of [['SEC-16', '1.6'], ['SEC-2', '2.0.1']] as const) {
        await s.api('POST', '/api/v1/stations', { id });
        const cp = await connectStation({ endpoint: s.ocppUrl, identity: id, version });
        await cp.call('SecurityEventNotification', { type: 'TamperDetectionActivated', timestamp: new Date().toISOString(), techInfo: 'door opened' });
        await cp.call('SecurityEventNotification', { type: 'InvalidMessages', timestamp: new Date().toISOString() });
        await cp.close();
        const items = (await s.api('GET', `/api/v1/security-events?stationId=${id}`)).body.items;
        assert.deepEqual(
          items.map((e: any) => [e.type, e.critical, e.techInfo]),
          [
            ['InvalidMessages', false, null],
            ['TamperDetectionActivated', true, 'door opened'],
          ],
        );
      }
      assert.equal((await s.api('GET', '/api/v1/security-events?type=TamperDetectionActivated')).body.items.length, 2);
    });
  });
}
