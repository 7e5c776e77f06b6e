/**
 * The group-commit write path under concurrency: many stations' meter values and transaction
 * events land in shared transactions, each answered after its commit, with the same exact
 * energy, de-duplication and reconstruction as one message at a time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';
import { type Version } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation, t } from './helpers/scripted-station.ts';

for (const backend of await backends()) {
  describe(`group commit on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, { env: { WRITE_BATCH_MS: '5' } });
    });
    after(() => s.close());

    it('twenty stations metering at once: each session exact, retransmissions stored once', async () => {
      const stations = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const version: Version = i % 2 ? '2.0.1' : '1.6';
          const id = `GC-${backend}-${i}`;
          assert.equal((await s.api('POST', '/api/v1/stations', { id })).status, 201);
          const st = await ScriptedStation.connect(s.ocppUrl, id, version);
          await st.boot();
          return st;
        }),
      );
      const runs = await Promise.all(
        stations.map(async (st, i) => {
          const { txId } = await st.start(`CARD${i}`, { meterWh: 10_000, at: t(0) });
          for (let m = 1; m <= 5; m++) await st.meter(txId, { at: t(m), wh: 10_000 + m * 100 * (i + 1), powerW: 7000 });
          // The same reading again (a retransmission) and, in 2.x, the same seqNo again.
          await st.meter(txId, { at: t(5), wh: 10_000 + 500 * (i + 1) }, st.v16 ? {} : { seqNo: 5 });
          return { st, txId, expected: 500 * (i + 1) };
        }),
      );
      for (const { st, txId, expected } of runs) {
        const list = await s.api('GET', `/api/v1/sessions?stationId=${st.id}`);
        const session = list.body.items.find((x: { transactionId: string }) => x.transactionId === txId);
        assert.equal(session.energyWh, expected, `${st.id} energy`);
        assert.equal(session.status, 'active');
        const samples = await s.api('GET', `/api/v1/sessions/${session.id}/samples?limit=100`);
        const energy = samples.body.items.filter((x: { measurand: string }) => x.measurand === 'Energy.Active.Import.Register');
        assert.equal(energy.length, 6, `${st.id}: start register and five readings, the retransmission stored once`);
      }
      // A burst of meter values for transactions nobody started: reconstructed, none refused.
      await Promise.all(runs.map(({ st }) => st.meter(st.v16 ? '999999' : `${st.id}-ghost`, { at: t(9), wh: 1 })));
      for (const { st } of runs) {
        const list = await s.api('GET', `/api/v1/sessions?stationId=${st.id}`);
        assert.equal(list.body.items.filter((x: { reconstructed: boolean }) => x.reconstructed).length, 1);
      }
      await Promise.all(stations.map((st) => st.close()));
    });
  });
}
