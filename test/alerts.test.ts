/**
 * Alerts: each opens, is acknowledged, and resolves itself when its condition clears.
 * Offline detection that does not lie (a silent socket that answers pings is alive); faults
 * with their error and vendor codes (2.x: from NotifyEvent); repeated reboots; sessions
 * without meter values; drifting clocks; notifications by signed webhook and by email, one
 * per opening, a digest when many open at once, none for a flapping connector.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { WebSocket } from 'ws';
import { ManualClock } from '../src/clock.ts';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { connectStation, statusPayload } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation } from './helpers/scripted-station.ts';

let n = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${(n++).toString(36)}`.toUpperCase();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Hook {
  body: any;
  raw: string;
  signature: string | undefined;
}

/** A webhook receiver and an SMTP server on this machine, recording what arrives. */
async function receivers() {
  const hooks: Hook[] = [];
  const mails: string[] = [];
  const http: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      hooks.push({ body: JSON.parse(raw), raw, signature: req.headers['x-straumur-signature'] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        mails.push(text);
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  return {
    hooks,
    mails,
    env: {
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`,
      ALERT_WEBHOOK_SECRET: 'whsec-test',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      ALERT_EMAIL_FROM: 'straumur@example.test',
      ALERT_EMAIL_TO: 'ops@example.test, oncall@example.test',
      ALERT_DIGEST_THRESHOLD: '3',
    },
    async close() {
      await new Promise((r) => http.close(r));
      await new Promise((r) => smtp.close(() => r(undefined)));
    },
  };
}

for (const backend of await backends()) {
  describe(`alerts on ${backend} (real time)`, () => {
    let s: TestServer;
    let rx: Awaited<ReturnType<typeof receivers>>;
    before(async () => {
      rx = await receivers();
      s = await startServer(backend, { env: { ...rx.env, WS_PING_INTERVAL_SEC: '1', ALERT_OFFLINE_AFTER_SEC: '2', ALERT_CHECK_INTERVAL_SEC: '3600', ALERT_NOTIFY_INTERVAL_SEC: '3600' } });
    });
    after(async () => {
      await s.close();
      await rx.close();
    });

    const open = async (q: string) => (await s.api('GET', `/api/v1/alerts?status=open&${q}`)).body.items as any[];
    const check = () => s.app.services.scheduler.runNow('alert-checks');
    const notify = () => s.app.services.scheduler.runNow('alert-notifications');

    it('station-offline: a station that answers pings is alive, one that stopped is offline until it returns', async () => {
      const quiet = uniq('QUIET');
      const gone = uniq('GONE');
      await s.api('POST', '/api/v1/stations', { id: quiet });
      await s.api('POST', '/api/v1/stations', { id: gone });
      const alive = new WebSocket(`${s.ocppUrl}/${quiet}`, ['ocpp1.6']);
      const dead = new WebSocket(`${s.ocppUrl}/${gone}`, ['ocpp1.6'], { autoPong: false });
      await Promise.all([new Promise((r) => alive.once('open', r)), new Promise((r) => dead.once('open', r))]);
      await new Promise((r) => dead.once('close', r)); // dropped for not answering pings
      await sleep(3000);
      await s.app.services.stations.flushPresence();
      await check();
      const alerts = await open('type=station-offline');
      const mine = alerts.filter((a) => a.stationId === gone || a.stationId === quiet);
      assert.deepEqual(mine.map((a) => a.stationId), [gone], 'only the station that stopped answering');
      const a = mine[0]!;
      assert.deepEqual([a.type, a.severity, typeof a.id, Number.isNaN(Date.parse(a.openedAt))], ['station-offline', 'critical', 'string', false]);

      // Acknowledged, it stays until the station is back; then it resolves itself.
      const ack = await s.api('POST', `/api/v1/alerts/${a.id}/acknowledge`);
      assert.deepEqual([ack.status, ack.body.status], [200, 'acknowledged']);
      assert.match(ack.body.acknowledgedBy, /^operator:/);
      const back = await connectStation({ endpoint: s.ocppUrl, identity: gone, version: '1.6' });
      const resolved = await eventually(async () => {
        const r = (await s.api('GET', `/api/v1/alerts/${a.id}`)).body;
        return r.status === 'resolved' && r;
      }, 5000, 'resolved');
      assert.ok(resolved.resolvedAt && resolved.resolution);
      assert.equal((await s.api('POST', `/api/v1/alerts/${a.id}/acknowledge`)).status, 409);
      alive.close();
      await back.close();
    });

    it('connector-faulted: opens with the error and vendor codes (2.x: from NotifyEvent) and resolves when the connector recovers', async () => {
      const id16 = uniq('F16');
      const id2 = uniq('F2');
      await s.api('POST', '/api/v1/stations', { id: id16 });
      await s.api('POST', '/api/v1/stations', { id: id2 });
      const cp16 = await connectStation({ endpoint: s.ocppUrl, identity: id16, version: '1.6' });
      const cp2 = await connectStation({ endpoint: s.ocppUrl, identity: id2, version: '2.0.1' });
      await cp16.call('StatusNotification', { connectorId: 2, status: 'Faulted', errorCode: 'GroundFailure', vendorErrorCode: 'E42', info: 'RCD tripped', timestamp: new Date().toISOString() });
      await cp2.call('NotifyEvent', {
        generatedAt: new Date().toISOString(),
        seqNo: 0,
        eventData: [
          {
            eventId: 1,
            timestamp: new Date().toISOString(),
            trigger: 'Delta',
            actualValue: 'true',
            techCode: 'OVC-17',
            techInfo: 'overcurrent',
            eventNotificationType: 'HardWiredNotification',
            component: { name: 'Connector', evse: { id: 1, connectorId: 1 } },
            variable: { name: 'Problem' },
          },
        ],
      });
      await cp2.call('StatusNotification', statusPayload('2.0.1', 1, 'Faulted'));
      const a16 = await eventually(async () => (await open(`type=connector-faulted&stationId=${id16}`))[0], 5000, '1.6 alert');
      assert.deepEqual([a16.subject, a16.severity, a16.details.errorCode, a16.details.vendorErrorCode, a16.details.info], ['evse 2 connector 1', 'major', 'GroundFailure', 'E42', 'RCD tripped']);
      const a2 = await eventually(async () => (await open(`type=connector-faulted&stationId=${id2}`))[0], 5000, '2.x alert');
      assert.deepEqual([a2.details.techCode, a2.details.techInfo], ['OVC-17', 'overcurrent']);
      // The contract: GET /api/v1/alerts?status=open lists them.
      const all = (await s.api('GET', '/api/v1/alerts?status=open')).body.items as any[];
      for (const x of [a16, a2]) assert.ok(all.some((y) => y.id === x.id && y.type === 'connector-faulted' && y.stationId && y.severity && y.openedAt));

      await cp16.call('StatusNotification', { connectorId: 2, status: 'Available', errorCode: 'NoError', timestamp: new Date().toISOString() });
      await cp2.call('StatusNotification', statusPayload('2.0.1', 1, 'Available'));
      await eventually(async () => (await open(`type=connector-faulted&stationId=${id16}`)).length === 0 && (await open(`type=connector-faulted&stationId=${id2}`)).length === 0, 5000, 'resolved');
      // The periodic check agrees with the events: nothing to reopen.
      await check();
      assert.equal((await open(`type=connector-faulted&stationId=${id16}`)).length, 0);
      await cp16.close();
      await cp2.close();
    });

    it('notifies once per opening by signed webhook and by email; a flapping connector notifies once; many at once go as a digest', async () => {
      await notify(); // what earlier tests queued
      rx.hooks.length = 0;
      rx.mails.length = 0;
      const id = uniq('NOTE');
      await s.api('POST', '/api/v1/stations', { id });
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: id, version: '1.6' });
      for (let i = 0; i < 4; i++) {
        await cp.call('StatusNotification', { connectorId: 1, status: 'Faulted', errorCode: 'HighTemperature', timestamp: new Date().toISOString() });
        await eventually(async () => (await open(`type=connector-faulted&stationId=${id}`)).length === 1, 5000, 'open');
        await cp.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError', timestamp: new Date().toISOString() });
        await eventually(async () => (await open(`type=connector-faulted&stationId=${id}`)).length === 0, 5000, 'resolved');
      }
      await notify();
      const mine = rx.hooks.filter((h) => h.body.notifications.some((x: any) => x.alert.stationId === id));
      assert.deepEqual(mine.map((h) => h.body.type), ['alert.opened', 'alert.resolved'], 'four flaps, one opening and its resolution');
      const hook = mine[0]!;
      const [t, v1] = hook.signature!.split(',').map((p) => p.split('=')[1]!);
      assert.equal(v1, createHmac('sha256', 'whsec-test').update(`${t}.${hook.raw}`).digest('hex'), 'signed with the shared secret');
      assert.ok(Math.abs(Date.now() / 1000 - Number(t)) < 60);
      const mail = rx.mails.find((m) => m.includes(id))!;
      assert.match(mail, /Subject: \[Straumur\] major: connector-faulted on/);
      assert.match(mail, /To: ops@example\.test, oncall@example\.test/);

      // A site loses power: more alerts at once than the digest threshold go as one message per channel.
      rx.hooks.length = 0;
      rx.mails.length = 0;
      const site = await Promise.all([1, 2, 3, 4].map(async (i) => {
        const sid = uniq(`SITE${i}`);
        await s.api('POST', '/api/v1/stations', { id: sid });
        const c = await connectStation({ endpoint: s.ocppUrl, identity: sid, version: '1.6' });
        await c.call('StatusNotification', { connectorId: 1, status: 'Faulted', errorCode: 'PowerSwitchFailure', timestamp: new Date().toISOString() });
        return c;
      }));
      await eventually(async () => (await open('type=connector-faulted')).filter((a) => a.stationId.startsWith('SITE')).length === 4, 5000, 'four alerts');
      await notify();
      assert.equal(rx.hooks.length, 1);
      assert.deepEqual([rx.hooks[0]!.body.type, rx.hooks[0]!.body.notifications.length], ['alert.digest', 4]);
      assert.equal(rx.mails.length, 1);
      assert.match(rx.mails[0]!, /Subject: \[Straumur\] 4 alerts opened, 0 resolved/);
      for (const c of site) await c.close();
      await cp.close();
    });
  });

  describe(`alerts on ${backend} (a clock the test moves)`, () => {
    let s: TestServer;
    const clock = new ManualClock(new Date());
    before(async () => {
      s = await startServer(backend, { clock, env: { ALERT_OFFLINE_AFTER_SEC: String(86_400 * 300), ALERT_CHECK_INTERVAL_SEC: '3600', ALERT_METER_SILENCE_SEC: '900', ALERT_CLOCK_DRIFT_SEC: '120' } });
    });
    after(() => s.close());

    const open = async (q: string) => (await s.api('GET', `/api/v1/alerts?status=active&${q}`)).body.items as any[];
    const check = () => s.app.services.scheduler.runNow('alert-checks');

    it('repeated-reboots: opens at the third boot within the window, resolves once the window has passed', async () => {
      const st = await ScriptedStation.connect(s.ocppUrl, uniq('BOOT'), '2.0.1').catch(async () => null);
      assert.equal(st, null, 'an unregistered station is refused');
      const id = uniq('BOOT');
      await s.api('POST', '/api/v1/stations', { id });
      const cp = await ScriptedStation.connect(s.ocppUrl, id, '2.0.1');
      await cp.boot();
      clock.advance(60_000);
      await cp.boot();
      assert.equal((await open(`type=repeated-reboots&stationId=${id}`)).length, 0);
      clock.advance(60_000);
      await cp.boot();
      const a = await eventually(async () => (await open(`type=repeated-reboots&stationId=${id}`))[0], 5000, 'the alert');
      assert.equal(a.details.boots, 3);
      clock.advance(3_600_000);
      await check();
      assert.equal((await open(`type=repeated-reboots&stationId=${id}`)).length, 0);
      await cp.close();
    });

    it('meter-values-missing: a session silent past the limit alerts; its next meter value resolves it', async () => {
      const id = uniq('MUTE');
      await s.api('POST', '/api/v1/stations', { id });
      const uid = 'A1B2C3D4';
      await s.api('POST', '/api/v1/tokens', { uid, type: 'ISO14443' });
      const st = await ScriptedStation.connect(s.ocppUrl, id, '2.0.1');
      const { txId } = await st.start(uid, { meterWh: 1000, at: clock.now().toISOString() });
      const session = (await s.api('GET', `/api/v1/sessions?stationId=${id}`)).body.items[0];
      clock.advance(10 * 60_000);
      await check();
      assert.equal((await open(`type=meter-values-missing&stationId=${id}`)).length, 0, 'not yet');
      clock.advance(10 * 60_000);
      await check();
      const a = (await open(`type=meter-values-missing&stationId=${id}`))[0];
      assert.deepEqual([a.subject, a.details.sessionId], [`session ${session.id}`, session.id]);
      await st.meter(txId, { at: clock.now().toISOString(), wh: 3000 });
      await eventually(async () => (await open(`type=meter-values-missing&stationId=${id}`)).length === 0, 5000, 'resolved');
      await st.close();
    });

    it('clock-drift: a clock that stays ahead opens the alert (a replayed message does not); a right time resolves it', async () => {
      const id = uniq('DRIFT');
      await s.api('POST', '/api/v1/stations', { id });
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: id, version: '2.0.1' });
      // One replayed status from an hour ago is not drift.
      await cp.call('StatusNotification', statusPayload('2.0.1', 1, 'Available', new Date(clock.now().getTime() - 3_600_000).toISOString()));
      await cp.call('StatusNotification', statusPayload('2.0.1', 1, 'Available', clock.now().toISOString()));
      for (let i = 0; i < 3; i++) {
        clock.advance(40_000);
        await cp.call('StatusNotification', statusPayload('2.0.1', 1, 'Available', new Date(clock.now().getTime() + 10 * 60_000).toISOString()));
      }
      const a = await eventually(async () => (await open(`type=clock-drift&stationId=${id}`))[0], 5000, 'the alert');
      assert.equal(a.details.driftMs, 600_000);
      assert.match(a.message, /600 s ahead/);
      clock.advance(40_000);
      await cp.call('StatusNotification', statusPayload('2.0.1', 1, 'Available', clock.now().toISOString()));
      await eventually(async () => (await open(`type=clock-drift&stationId=${id}`)).length === 0, 5000, 'resolved');
      await cp.close();
    });

    it('clock-drift: a clock days ahead, which is not taken as the time of events, still opens the alert', async () => {
      const id = uniq('DAYS');
      await s.api('POST', '/api/v1/stations', { id });
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: id, version: '2.0.1' });
      const ahead = 3 * 86_400_000;
      for (let i = 0; i < 4; i++) {
        clock.advance(40_000);
        await cp.call('StatusNotification', statusPayload('2.0.1', 1, 'Available', new Date(clock.now().getTime() + ahead).toISOString()));
      }
      const a = await eventually(async () => (await open(`type=clock-drift&stationId=${id}`))[0], 5000, 'the alert');
      assert.equal(a.details.driftMs, ahead);
      await cp.close();
    });
  });
}
