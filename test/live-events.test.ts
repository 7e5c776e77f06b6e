/** Live monitoring: Server-Sent Events reach operators and drivers within a second of a station's frame. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation, t } from './helpers/scripted-station.ts';

interface Sse {
  next(match: (type: string, data: any) => boolean, timeoutMs?: number): Promise<{ type: string; data: any; at: number }>;
  close(): void;
}

/** Opens /api/v1/events and reads events as they arrive. */
async function subscribe(s: TestServer, token: string, query = ''): Promise<Sse> {
  const ctrl = new AbortController();
  const res = await fetch(`${s.baseUrl}/api/v1/events?access_token=${encodeURIComponent(token)}${query}`, { signal: ctrl.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: Array<{ type: string; data: any; at: number }> = [];
  const waiting: Array<() => void> = [];
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data) seen.push({ type, data: JSON.parse(data), at: Date.now() });
          for (const w of waiting.splice(0)) w();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    async next(match, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = seen.findIndex((e) => match(e.type, e.data));
        if (i >= 0) return seen.splice(i, 1)[0]!;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no matching event in time');
        await new Promise<void>((r) => {
          waiting.push(r);
          setTimeout(r, left);
        });
      }
    },
    close: () => ctrl.abort(),
  };
}

for (const backend of await backends()) {
  describe(`live events on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    it('an operator sees a MeterValues frame as a session update within a second', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'LIVE-1' });
      await s.api('POST', '/api/v1/tokens', { uid: 'AB12' });
      const events = await subscribe(s, s.adminToken);
      const st = await ScriptedStation.connect(s.ocppUrl, 'LIVE-1', '1.6');
      assert.equal((await events.next((type, d) => type === 'station.connected' && d.stationId === 'LIVE-1')).data.ocppVersion, '1.6');
      const { txId } = await st.start('AB12', { meterWh: 1000, at: t(0) });
      await events.next((type) => type === 'session.started');
      const sent = Date.now();
      await st.meter(txId, { at: t(1), wh: 1600, powerW: 22_000, soc: 55 });
      const update = await events.next((type, d) => type === 'session.updated' && d.session.energyWh === 600, 1000);
      assert.ok(update.at - sent < 1000, `arrived ${update.at - sent} ms after the frame`);
      assert.deepEqual([update.data.session.powerW, update.data.session.socPercent, update.data.stationId], [22_000, 55, 'LIVE-1']);
      await st.status(1, 'Faulted');
      assert.equal((await events.next((type) => type === 'connector.status')).data.status, 'Faulted');
      events.close();
      await st.close();
    });

    it('a driver sees only the events of their own sessions', async () => {
      await s.api('POST', '/api/v1/stations', { id: 'LIVE-2' });
      const reg = await s.api('POST', '/api/v1/auth/register', { email: 'live@example.test', password: 'live-password-1' }, null);
      await s.api('POST', '/api/v1/tokens', { uid: 'DD01' }, reg.body.token);
      await s.api('POST', '/api/v1/tokens', { uid: 'EE02' });
      const events = await subscribe(s, reg.body.token);
      const st = await ScriptedStation.connect(s.ocppUrl, 'LIVE-2', '2.0.1');
      const other = await st.start('EE02', { meterWh: 0, at: t(0), evseId: 2, txId: 'OTHER-TX' });
      const mine = await st.start('DD01', { meterWh: 0, at: t(0), evseId: 1, txId: 'MINE-TX' });
      await st.meter(other.txId, { at: t(1), wh: 100 });
      await st.meter(mine.txId, { at: t(1), wh: 200 });
      const got = await events.next((type) => type === 'session.updated');
      assert.equal(got.data.session.transactionId, 'MINE-TX');
      await assert.rejects(events.next((_type, d) => d.session?.transactionId === 'OTHER-TX' || d.type?.startsWith('station.'), 300));
      events.close();
      assert.equal((await fetch(`${s.baseUrl}/api/v1/events`)).status, 401);
      await st.close();
    });
  });
}
