/**
 * Full sessions from independent strict ocpp-rpc stations in 1.6, 2.0.1 and 2.1, on both
 * databases, with exact Wh: retransmissions, offline backlogs, unknown transactions,
 * reboots, and refused tokens.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';
import { versions } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation, t } from './helpers/scripted-station.ts';

let seq = 0;
const uniq = (p: string) => `${p}${Date.now().toString(16).slice(-6)}${(seq++).toString(16)}`.toUpperCase();

for (const backend of await backends()) {
  describe(`sessions on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    async function station(version: (typeof versions)[number]) {
      const id = uniq(`S${version.replace(/\./g, '')}-`);
      assert.equal((await s.api('POST', '/api/v1/stations', { id })).status, 201);
      const st = await ScriptedStation.connect(s.ocppUrl, id, version);
      await st.boot();
      return st;
    }

    async function card(status?: string) {
      const uid = uniq('C');
      const driver = await s.api('POST', '/api/v1/drivers', { email: `${uid.toLowerCase()}@example.test`, name: 'Dana Driver' });
      const created = await s.api('POST', '/api/v1/tokens', { uid, type: 'ISO14443', driverId: driver.body.id, ...(status ? { status } : {}) });
      assert.equal(created.status, 201);
      return { uid, driverId: driver.body.id as string };
    }

    async function sessionOf(stationId: string, txId: string) {
      const list = await s.api('GET', `/api/v1/sessions?stationId=${stationId}&limit=1000`);
      const found = list.body.items.find((x: { transactionId: string }) => x.transactionId === txId);
      assert.ok(found, `session ${txId} is listed`);
      return (await s.api('GET', `/api/v1/sessions/${found.id}`)).body;
    }

    for (const version of versions) {
      describe(`OCPP ${version}`, () => {
        it('a card session counts exact Wh, in Wh and kWh, and ends with the station\'s reason', async () => {
          const st = await station(version);
          const { uid, driverId } = await card();
          assert.equal(await st.authorize(uid), 'Accepted');
          await st.status(1, version === '1.6' ? 'Preparing' : 'Occupied');
          const { txId, status } = await st.start(uid.toLowerCase(), { meterWh: 1_000_000, at: t(0) });
          assert.equal(status, 'Accepted');
          if (version === '1.6') assert.match(txId, /^\d+$/);
          await st.meter(txId, { at: t(5), wh: 1_001_234, kwh: true, powerW: 7400, soc: 41 });
          await st.meter(txId, { at: t(10), wh: 1_002_345.5, kwh: true, powerW: 7300, soc: 48 });
          let live = await sessionOf(st.id, txId);
          assert.equal(live.status, 'active');
          assert.equal(live.energyWh, 2346, '1002.3455 kWh - 1000 kWh = 2345.5 Wh, rounded once, half up');
          assert.equal(live.powerW, 7300);
          assert.equal(live.socPercent, 48);
          assert.equal(live.tokenUid, uid, 'RFID uids are matched without regard to case and shown upper-case');
          assert.equal(live.driverId, driverId);
          const stationView = (await s.api('GET', `/api/v1/stations/${st.id}`)).body;
          assert.equal(stationView.connectors.find((c: { evseId: number }) => c.evseId === 1)?.session?.transactionId, txId);

          await st.stop(txId, { at: t(30), wh: 1_012_000 }, { uid, reason: version === '1.6' ? 'EVDisconnected' : undefined });
          live = await sessionOf(st.id, txId);
          assert.equal(live.status, 'completed');
          assert.equal(live.energyWh, 12_000);
          assert.equal(live.startedAt, t(0));
          assert.equal(live.endedAt, t(30));
          assert.equal(live.durationSec, 1800);
          assert.equal(live.stopReason, 'EVDisconnected');
          assert.equal(live.transactionId, txId);
          assert.equal(live.endedBy, 'station');
          await st.close();
        });

        it('a retransmitted start gets the same transaction, and duplicated meter values are stored once', async () => {
          const st = await station(version);
          const { uid } = await card();
          const first = await st.start(uid, { meterWh: 500, at: t(0), txId: uniq('TX') });
          const again =
            version === '1.6'
              ? await st.start(uid, { meterWh: 500, at: t(0) })
              : { txId: first.txId, reply: await st.client.call('TransactionEvent', retransmittedStart(first.txId, uid)) };
          assert.equal(again.txId, first.txId);
          const sessions = (await s.api('GET', `/api/v1/sessions?stationId=${st.id}`)).body.items;
          assert.equal(sessions.length, 1);

          for (let i = 0; i < 3; i++) await st.meter(first.txId, { at: t(5), wh: 2500 }, { seqNo: 1 });
          await st.meter(first.txId, { at: t(6), wh: 3000 }, { seqNo: 2 });
          const live = await sessionOf(st.id, first.txId);
          assert.equal(live.energyWh, 2500);
          const samples = (await s.api('GET', `/api/v1/sessions/${live.id}/samples?measurand=Energy.Active.Import.Register`)).body.items;
          assert.deepEqual(
            samples.map((x: { value: string }) => x.value),
            ['500', '2500', '3000'],
          );
          await st.close();
        });

        it('an offline backlog sent after reconnecting lands in the session in station time, whatever the order', async () => {
          const id = uniq(`OFF${version.replace(/\./g, '')}-`);
          await s.api('POST', '/api/v1/stations', { id });
          const online = await ScriptedStation.connect(s.ocppUrl, id, version);
          const { uid } = await card();
          const { txId } = await online.start(uid, { meterWh: 10_000, at: t(0), txId: uniq('TX') });
          await online.close();
          // While offline the station queued these; it sends them after reconnecting, some out of order.
          const back = await ScriptedStation.connect(s.ocppUrl, id, version);
          await back.meter(txId, { at: t(20), wh: 14_000, powerW: 11_000 }, { offline: true, seqNo: 2 });
          await back.meter(txId, { at: t(10), wh: 12_000, powerW: 6_000 }, { offline: true, seqNo: 1 });
          await back.stop(txId, { at: t(40), wh: 18_000 }, { offline: true });
          // a late copy of an old sample changes nothing
          await back.meter(txId, { at: t(10), wh: 12_000 }, { offline: true, seqNo: 1 });
          const live = await sessionOf(id, txId);
          assert.equal(live.status, 'completed');
          assert.equal(live.energyWh, 8000);
          assert.equal(live.endedAt, t(40));
          assert.equal(live.powerW, 11_000, 'power is the latest by the station clock, not by arrival');
          if (version !== '1.6') assert.equal(live.offline, true);
          await back.close();
        });

        it('a stop for a transaction the CSMS never saw is answered and recorded', async () => {
          const st = await station(version);
          const unknown = version === '1.6' ? '987654' : uniq('GHOST');
          const reply = await st.stop(unknown, { at: t(50), wh: 42_000 }, { evseId: 2 });
          assert.ok(reply, 'answered normally, not with a CALLERROR');
          const live = await sessionOf(st.id, unknown);
          assert.equal(live.status, 'completed');
          assert.equal(live.reconstructed, true);
          assert.equal(live.endedAt, t(50));
          await st.close();
        });

        it('a reboot mid-session closes the stale session with a clear reason', async () => {
          const st = await station(version);
          const { uid } = await card();
          const { txId } = await st.start(uid, { meterWh: 0, at: t(0), txId: uniq('TX') });
          await st.meter(txId, { at: t(15), wh: 4000 });
          await st.boot();
          const live = await sessionOf(st.id, txId);
          assert.equal(live.status, 'completed');
          assert.equal(live.stopReason, 'StationRebooted');
          assert.equal(live.endedBy, 'csms');
          assert.equal(live.endedAt, t(15), 'it ended no later than its last sign of life');
          assert.equal(live.energyWh, 4000);
          // The station then sends the stop it had queued: the station's account wins.
          await st.stop(txId, { at: t(16), wh: 4100 }, { reason: 'Reboot' });
          const final = await sessionOf(st.id, txId);
          assert.deepEqual([final.stopReason, final.endedBy, final.energyWh], ['Reboot', 'station', 4100]);
          await st.close();
        });

        it('refuses unknown, blocked and expired tokens with the right status', async () => {
          const st = await station(version);
          const blocked = await card();
          assert.equal((await s.api('PATCH', `/api/v1/tokens/${blocked.uid}`, { status: 'Blocked' })).status, 200);
          const expired = await card();
          await s.api('PATCH', `/api/v1/tokens/${expired.uid}`, { expiresAt: '2026-01-01T00:00:00Z' });
          assert.equal(await st.authorize(blocked.uid), 'Blocked');
          assert.equal(await st.authorize(expired.uid), 'Expired');
          assert.equal(await st.authorize('DEADBEEF'), version === '1.6' ? 'Invalid' : 'Unknown');
          // A start with a refused token still gets a transaction (the station stops it), marked refused.
          const started = await st.start(blocked.uid, { meterWh: 0, at: t(0), txId: uniq('TX') });
          assert.equal(started.status, 'Blocked');
          const live = await sessionOf(st.id, started.txId);
          assert.equal(live.authStatus, 'Blocked');
          await st.close();
        });

        it('refuses a token already charging elsewhere (ConcurrentTx)', async () => {
          const a = await station(version);
          const b = await station(version);
          const { uid } = await card();
          const { txId } = await a.start(uid, { meterWh: 0, at: t(0), txId: uniq('TX') });
          assert.equal(await b.authorize(uid), 'ConcurrentTx');
          await a.stop(txId, { at: t(1), wh: 10 });
          assert.equal(await b.authorize(uid), 'Accepted');
          await a.close();
          await b.close();
        });
      });
    }

    it('an operator closes a stuck session by hand', async () => {
      const st = await station('2.0.1');
      const { uid } = await card();
      const { txId } = await st.start(uid, { meterWh: 0, at: t(0), txId: uniq('TX') });
      await st.meter(txId, { at: t(7), wh: 700 });
      const live = await sessionOf(st.id, txId);
      const closed = await s.api('POST', `/api/v1/sessions/${live.id}/close`, {});
      assert.equal(closed.status, 200);
      assert.deepEqual([closed.body.status, closed.body.stopReason, closed.body.endedBy, closed.body.endedAt], ['completed', 'ClosedByOperator', 'csms', t(7)]);
      assert.equal((await s.api('POST', `/api/v1/sessions/${live.id}/close`, {})).status, 409);
      await st.close();
    });
  });
}

function retransmittedStart(txId: string, uid: string) {
  return {
    eventType: 'Started',
    timestamp: t(0),
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId: txId, chargingState: 'Charging' },
    evse: { id: 1, connectorId: 1 },
    idToken: { idToken: uid, type: 'ISO14443' },
    meterValue: [{ timestamp: t(0), sampledValue: [{ value: 500, context: 'Transaction.Begin', measurand: 'Energy.Active.Import.Register' }] }],
  };
}
