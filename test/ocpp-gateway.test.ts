/**
 * The acceptance tests of the foundation: independent strict ocpp-rpc clients boot,
 * heartbeat and report statuses in 1.6, 2.0.1 and 2.1 on both databases; every CALLERROR
 * case answers with the right code for its version; the server keeps serving throughout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { backends } from './helpers/db.ts';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { bootPayload, connectStation, statusPayload, subprotocol, type Version, versions } from './helpers/charge-point.ts';
import { opened, upgradeStatus } from './helpers/frame-socket.ts';

/** A raw socket for frames no well-behaved client would send. */
async function rawStation(s: TestServer, id: string, protocols: string[] = []) {
  const ws = new WebSocket(`${s.ocppUrl}/${id}`, protocols);
  const inbox: unknown[] = [];
  const waiters: Array<(v: unknown) => void> = [];
  ws.on('message', (d) => {
    const msg = JSON.parse(d.toString());
    const w = waiters.shift();
    if (w) w(msg);
    else inbox.push(msg);
  });
  await opened(ws);
  return {
    ws,
    /** Sends text and waits for the next frame, or null if none comes within `ms`. */
    async exchange(text: string | Buffer, ms = 2000): Promise<unknown> {
      if (inbox.length) throw new Error(`unexpected frame before exchange: ${JSON.stringify(inbox[0])}`);
      return new Promise((resolve) => {
        const waiter = (v: unknown) => {
          clearTimeout(timer);
          resolve(v);
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve(null);
        }, ms);
        waiters.push(waiter);
        ws.send(text);
      });
    },
    close: () => ws.close(),
  };
}

const codes = {
  '1.6': { unreadable: 'FormationViolation', badType: 'ProtocolError', occurrence: 'OccurenceConstraintViolation', format: 'FormationViolation' },
  '2.0.1': { unreadable: 'RpcFrameworkError', badType: 'MessageTypeNotSupported', occurrence: 'OccurrenceConstraintViolation', format: 'FormatViolation' },
  '2.1': { unreadable: 'RpcFrameworkError', badType: 'MessageTypeNotSupported', occurrence: 'OccurrenceConstraintViolation', format: 'FormatViolation' },
} as const;

for (const backend of await backends()) {
  describe(`OCPP gateway on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, { env: { AUTH_FAILURE_LIMIT: '1000' } });
    });
    after(() => s.close());

    for (const version of versions) {
      it(`OCPP ${version}: a strict ocpp-rpc station boots, heartbeats, reports statuses and shows up live`, async () => {
        const id = `CP-${version.replace(/\./g, '')}`;
        assert.equal((await s.api('POST', '/api/v1/stations', { id })).status, 201);
        const cp = await connectStation({ endpoint: s.ocppUrl, identity: id, version });
        assert.equal(cp.protocol, subprotocol(version));
        const before = Date.now();
        const boot = (await cp.call('BootNotification', bootPayload(version, 'Vendor X', `Model ${version}`, 'fw-9'))) as Record<string, unknown>;
        assert.equal(boot.status, 'Accepted');
        assert.equal(boot.interval, 300);
        assert.ok(Math.abs(Date.parse(String(boot.currentTime)) - before) < 5000);
        const hb = (await cp.call('Heartbeat', {})) as { currentTime: string };
        assert.match(hb.currentTime, /Z$/);
        await cp.call('StatusNotification', statusPayload(version, 1, 'Available'));
        await cp.call('StatusNotification', statusPayload(version, 2, version === '1.6' ? 'SuspendedEV' : 'Occupied'));
        await cp.call('StatusNotification', statusPayload(version, 3, 'Faulted'));

        const st = (await s.api('GET', `/api/v1/stations/${id}`)).body;
        assert.equal(st.connected, true);
        assert.equal(st.ocppVersion, version);
        assert.equal(st.vendor, 'Vendor X');
        assert.equal(st.model, `Model ${version}`);
        assert.equal(st.firmwareVersion, 'fw-9');
        assert.ok(Date.parse(st.lastSeenAt) >= before - 1000);
        assert.deepEqual(
          st.connectors.map((c: Record<string, unknown>) => [c.evseId, c.connectorId, c.status, c.rawStatus]),
          [
            [1, 1, 'Available', 'Available'],
            [2, 1, 'Occupied', version === '1.6' ? 'SuspendedEV' : 'Occupied'],
            [3, 1, 'Faulted', 'Faulted'],
          ],
        );
        const list = (await s.api('GET', '/api/v1/stations')).body;
        assert.ok(list.items.some((x: { id: string; connected: boolean }) => x.id === id && x.connected));

        await cp.close();
        await eventually(async () => (await s.api('GET', `/api/v1/stations/${id}`)).body.connected === false, 5000, 'disconnect');
      });

      it(`OCPP ${version}: answers every malformed frame with the right CALLERROR and keeps the connection`, async () => {
        const id = `BAD-${version.replace(/\./g, '')}`;
        await s.api('POST', '/api/v1/stations', { id });
        const c = codes[version];
        const raw = await rawStation(s, id, [subprotocol(version)]);
        const ask = async (text: string) => (await raw.exchange(text)) as unknown[] | null;

        assert.deepEqual((await ask('{"not": "a frame"'))?.slice(0, 3), [4, '-1', c.unreadable]);
        assert.deepEqual((await ask('"just a string"'))?.slice(0, 2), [4, '-1']);
        assert.deepEqual((await ask('[7,"t1","Heartbeat",{}]'))?.slice(0, 3), [4, 't1', c.badType]);
        assert.deepEqual((await ask('[2,"n1","MakeCoffee",{}]'))?.slice(0, 3), [4, 'n1', 'NotImplemented']);
        // A CSMS-to-station action sent by a station is not one we implement.
        assert.deepEqual((await ask('[2,"n2","Reset",{"type":"Hard"}]'))?.slice(0, 3), [4, 'n2', 'NotImplemented']);
        const boot = version === '1.6' ? { chargePointVendor: 'V' } : { reason: 'PowerUp' };
        assert.deepEqual((await ask(JSON.stringify([2, 'o1', 'BootNotification', boot])))?.slice(0, 3), [4, 'o1', c.occurrence]);
        const typed = version === '1.6' ? { chargePointVendor: 5, chargePointModel: 'M' } : { reason: 'PowerUp', chargingStation: { vendorName: 5, model: 'M' } };
        assert.deepEqual((await ask(JSON.stringify([2, 'y1', 'BootNotification', typed])))?.slice(0, 3), [4, 'y1', 'TypeConstraintViolation']);
        const prop =
          version === '1.6' ? { chargePointVendor: 'V'.repeat(30), chargePointModel: 'M' } : { reason: 'Bored', chargingStation: { vendorName: 'V', model: 'M' } };
        assert.deepEqual((await ask(JSON.stringify([2, 'p1', 'BootNotification', prop])))?.slice(0, 3), [4, 'p1', 'PropertyConstraintViolation']);
        const extra = version === '1.6' ? { chargePointVendor: 'V', chargePointModel: 'M', colour: 1 } : { ...bootPayload(version), colour: 1 };
        assert.deepEqual((await ask(JSON.stringify([2, 'f1', 'BootNotification', extra])))?.slice(0, 3), [4, 'f1', c.format]);
        assert.deepEqual((await ask('[2,"f2","Heartbeat",[]]'))?.slice(0, 3), [4, 'f2', c.format]);
        assert.deepEqual((await ask('[2,"r1","Heartbeat"]'))?.slice(0, 2), [4, 'r1']);
        if (version === '2.0.1') {
          assert.deepEqual((await ask('[6,"s1","NotifyPeriodicEventStream",{}]'))?.slice(0, 3), [4, 's1', 'MessageTypeNotSupported']);
        }
        if (version === '2.1') assert.equal(await ask('[6,"s1","NotifyPeriodicEventStream",{"id":1,"pending":0,"basetime":"2026-01-01T00:00:00Z","data":[]}]'), null);
        // Replies are never answered, even broken or unknown ones.
        assert.equal(await raw.exchange('[3,"nobody-asked",{}]', 300), null);
        assert.equal(await raw.exchange('[4,"nobody-asked","GenericError","",{}]', 300), null);
        assert.equal(await raw.exchange('[3,"broken"]', 300), null);
        // Binary frames are read as JSON text.
        assert.deepEqual(((await raw.exchange(Buffer.from('[2,"b1","Heartbeat",{}]'))) as unknown[]).slice(0, 2), [3, 'b1']);
        // And after all that, the connection still serves.
        const hb = (await ask('[2,"ok","Heartbeat",{}]')) as unknown[];
        assert.equal(hb[0], 3);
        raw.close();

        const log = (await s.api('GET', `/api/v1/stations/${id}/messages?limit=500`)).body.items as Array<{ messageId: string; direction: string }>;
        assert.ok(log.some((m) => m.messageId === 'o1' && m.direction === 'in'));
        assert.ok(log.some((m) => m.messageId === 'o1' && m.direction === 'out'));
      });
    }

    it('closes a frame over the size limit with 1009 and keeps serving other stations', async () => {
      const small = await startServer(backend, { env: { OCPP_MAX_FRAME_BYTES: '2048' } });
      try {
        await small.api('POST', '/api/v1/stations', { id: 'BIG' });
        await small.api('POST', '/api/v1/stations', { id: 'CALM' });
        const calm = await connectStation({ endpoint: small.ocppUrl, identity: 'CALM', version: '1.6' });
        const big = await rawStation(small, 'BIG', ['ocpp1.6']);
        const closed = new Promise<number>((r) => big.ws.once('close', (code) => r(code)));
        big.ws.send(JSON.stringify([2, 'x', 'DataTransfer', { vendorId: 'v', data: 'x'.repeat(5000) }]));
        assert.equal(await closed, 1009);
        assert.ok(await calm.call('Heartbeat', {}));
        await calm.close();
      } finally {
        await small.close();
      }
    });

    it('refuses unknown stations with 404, records the attempt, and lets an operator register it', async () => {
      const r = await upgradeStatus(`${s.ocppUrl}/NEWCOMER`, ['ocpp1.6']);
      assert.equal(r.status, 404);
      assert.match(r.body, /not registered/);
      const attempts = (await s.api('GET', '/api/v1/connection-attempts')).body.items;
      assert.ok(attempts.some((a: { stationId: string; reason: string }) => a.stationId === 'NEWCOMER' && a.reason === 'unknown-station'));
      await s.api('POST', '/api/v1/stations', { id: 'NEWCOMER' });
      assert.equal((await upgradeStatus(`${s.ocppUrl}/NEWCOMER`, ['ocpp1.6'])).status, 101);
      const after = (await s.api('GET', '/api/v1/connection-attempts')).body.items;
      assert.ok(!after.some((a: { stationId: string }) => a.stationId === 'NEWCOMER'));
    });

    it('refuses bad paths, odd ids and foreign subprotocols with a clear HTTP error', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'PROTO' });
      assert.equal((await upgradeStatus(`${s.ocppUrl}/PROTO`, ['ocpp1.5', 'wamp'])).status, 400);
      assert.equal((await upgradeStatus(`${s.ocppUrl}/..%2F..%2Fetc`, ['ocpp1.6'])).status, 400);
      assert.equal((await upgradeStatus(`${s.baseUrl.replace('http', 'ws')}/other/PROTO`, ['ocpp1.6'])).status, 404);
    });

    it('takes a station that offers no subprotocol as its registered version', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'NOPROTO', ocppVersion: '1.6' });
      const raw = await rawStation(s, 'NOPROTO', []);
      assert.equal(raw.ws.protocol, '');
      const reply = (await raw.exchange(JSON.stringify([2, 'b', 'BootNotification', bootPayload('1.6')]))) as unknown[];
      assert.deepEqual(reply.slice(0, 2), [3, 'b']);
      assert.equal((await s.api('GET', '/api/v1/stations/NOPROTO')).body.ocppVersion, '1.6');
      raw.close();
    });

    it('requires the password of a station that has one, and refuses wrong ones', async () => {
      const password = 'correct-horse-battery';
      await s.api('POST', '/api/v1/stations', { id: 'LOCKED', password });
      const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
      assert.equal((await upgradeStatus(`${s.ocppUrl}/LOCKED`, ['ocpp1.6'])).status, 401);
      assert.equal((await upgradeStatus(`${s.ocppUrl}/LOCKED`, ['ocpp1.6'], basic('LOCKED', 'wrong-password-123'))).status, 401);
      assert.equal((await upgradeStatus(`${s.ocppUrl}/LOCKED`, ['ocpp1.6'], basic('OTHER', password))).status, 401);
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: 'LOCKED', version: '2.0.1', password });
      assert.equal(((await cp.call('BootNotification', bootPayload('2.0.1'))) as { status: string }).status, 'Accepted');
      await cp.close();
      const reasons = (await s.api('GET', '/api/v1/connection-attempts')).body.items
        .filter((a: { stationId: string }) => a.stationId === 'LOCKED')
        .map((a: { reason: string }) => a.reason)
        .sort();
      assert.deepEqual(reasons, ['missing-credentials', 'wrong-password', 'wrong-username']);
    });

    it('lets a second connection with the same id take over and closes the first', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'TWICE' });
      const first = await connectStation({ endpoint: s.ocppUrl, identity: 'TWICE', version: '1.6' });
      const firstClosed = new Promise<number>((r) => first.once('close', ({ code }: { code: number }) => r(code)));
      const second = await connectStation({ endpoint: s.ocppUrl, identity: 'TWICE', version: '2.0.1' });
      assert.equal(await firstClosed, 4000);
      await second.call('Heartbeat', {});
      const st = (await s.api('GET', '/api/v1/stations/TWICE')).body;
      assert.equal(st.connected, true);
      assert.equal(st.ocppVersion, '2.0.1');
      await second.close();
    });

    it('disconnects a station an operator removes', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'GONE' });
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: 'GONE', version: '1.6' });
      const closed = new Promise<number>((r) => cp.once('close', ({ code }: { code: number }) => r(code)));
      assert.equal((await s.api('DELETE', '/api/v1/stations/GONE')).status, 204);
      assert.equal(await closed, 4001);
    });
  });
}

describe('failed upgrades are rate-limited', () => {
  it('per station and address: a guesser is slowed, the real station elsewhere is not locked out', async () => {
    const [backend] = await backends();
    const s = await startServer(backend!, { env: { HOST: '::', AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_LIMIT_PER_ADDRESS: '100', AUTH_FAILURE_WINDOW_SEC: '60' } });
    try {
      const password = 'good-password-123456';
      await s.api('POST', '/api/v1/stations', { id: 'TARGET', password });
      await s.api('POST', '/api/v1/stations', { id: 'NEIGHBOUR' });
      const basic = (p: string) => ({ authorization: `Basic ${Buffer.from(`TARGET:${p}`).toString('base64')}` });
      for (let i = 0; i < 3; i++) assert.equal((await upgradeStatus(`${s.ocppUrl}/TARGET`, ['ocpp1.6'], basic(`guess-${i}-xxxxxxxxxxxx`))).status, 401);
      const limited = await upgradeStatus(`${s.ocppUrl}/TARGET`, ['ocpp1.6'], basic(password));
      assert.equal(limited.status, 429, 'from the guessing address, even the right password waits for the window');
      // The same address is not blocked for other stations: NAT neighbours keep connecting.
      assert.equal((await upgradeStatus(`${s.ocppUrl}/NEIGHBOUR`, ['ocpp1.6'])).status, 101);
      // The real station from another address is not locked out.
      const ipv6 = s.ocppUrl.replace('127.0.0.1', '[::1]');
      assert.equal((await upgradeStatus(`${ipv6}/TARGET`, ['ocpp1.6'], basic(password))).status, 101);
    } finally {
      await s.close();
    }
  });

  it('per address: many failures from one address (trying ids) are answered 429', async () => {
    const [backend] = await backends();
    const s = await startServer(backend!, { env: { AUTH_FAILURE_LIMIT: '10', AUTH_FAILURE_LIMIT_PER_ADDRESS: '5', AUTH_FAILURE_WINDOW_SEC: '60' } });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await upgradeStatus(`${s.ocppUrl}/GHOST-${i}`, ['ocpp1.6'])).status, 404);
      assert.equal((await upgradeStatus(`${s.ocppUrl}/GHOST-9`, ['ocpp1.6'])).status, 429);
      const attempts = (await s.api('GET', '/api/v1/connection-attempts')).body.items;
      assert.ok(!attempts.some((a: { stationId: string }) => a.stationId === 'GHOST-9'), 'limited attempts are not written to the database');
    } finally {
      await s.close();
    }
  });
});

export type { Version };
