/**
 * Crash safety (issue 9.3): the real server is killed with SIGKILL while many stations are in
 * the middle of their sessions, started again on the same port and database, and the
 * stations reconnect and send again whatever had not been answered (as OCPP requires of
 * transaction messages). Then every session, sample and cost is checked against what the
 * stations were told: nothing lost, nothing counted twice.
 *
 * This holds only because an answer leaves after the commit (ADR 0014): a station drops a
 * message from its queue when it is answered, so an answer sent before the data is durable
 * loses that data in a crash. Retransmissions must be recognised (1.6 starts by their key,
 * 2.x events by seqNo, samples by their dedup key), and a CDR missed in the crash must still
 * be written after the restart.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.ts';
import { eventually } from '../helpers/app.ts';
import { backends, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { assertLedger, queuedFleet, register, settled } from './helpers/ledger.ts';
import type { QueuedStation } from './helpers/queued-station.ts';
import { kill, type ServerProcess, startServerProcess } from '../helpers/server-process.ts';

const SIZES = {
  postgres: { stations: Number(process.env.CHAOS_CRASH_STATIONS ?? 250), sessions: 4 },
  // PGlite is one connection in the server's own process: a smaller fleet, same story.
  pglite: { stations: 45, sessions: 3 },
};

for (const backend of await backends()) {
  describe(`SIGKILL in the middle of sessions (${backend})`, () => {
    let db: TestDatabase | undefined;
    let dataDir: string | undefined;
    let server: ServerProcess | undefined;
    const stations: QueuedStation[] = [];
    after(async () => {
      for (const st of stations) st.stop();
      server?.child.kill('SIGKILL');
      await db?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('loses no session, sample or cost and counts none twice', async () => {
      const size = SIZES[backend];
      let env: Record<string, string>;
      if (backend === 'postgres') {
        db = await freshDatabase('postgres');
        await db.database.close();
        env = { DATABASE_URL: db.url!, BILLING_DRIVER_PAYMENT_MODE: 'postpaid' };
      } else {
        dataDir = await mkdtemp(path.join(tmpdir(), 'straumur-crash-'));
        env = { DATA_DIR: dataDir, BILLING_DRIVER_PAYMENT_MODE: 'postpaid' };
      }
      server = await startServerProcess(env);
      const fleet = queuedFleet(server.ocppUrl, 'K', size.stations, size.sessions);
      await register(server.baseUrl, fleet.plan);
      stations.push(...fleet.stations);
      const total = stations.reduce((n, s) => n + s.queued, 0);
      const runs = stations.map((s) => s.run());

      // Kill once a good part of the work is answered, with calls in flight.
      const answered = () => stations.reduce((n, s) => n + s.counters.answered, 0);
      await eventually(() => answered() >= total * 0.4, 120_000, '40% of the messages answered');
      const inFlight = stations.filter((s) => s.inFlight).length;
      const answeredBefore = answered();
      await kill(server);
      const port = server.port;

      const t0 = Date.now();
      server = await startServerProcess({ ...env, PORT: String(port) });
      const restartMs = Date.now() - t0;
      await Promise.all(runs);
      const resumedMs = Date.now() - t0;
      const resent = stations.reduce((n, s) => n + s.counters.resent, 0);
      const callErrors = stations.flatMap((s) => Object.entries(s.counters.callErrors));
      assert.deepEqual(callErrors, [], 'no message was refused');
      assert.ok(resent > 0, 'some messages were unanswered at the kill and sent again');

      // Every completed session gets its CDR; one that ended just before the kill gets it after the restart.
      await settled(server.baseUrl, stations);
      const pricedMs = Date.now() - t0;

      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
      server = undefined;
      const database = backend === 'postgres' ? await openDatabase({ url: db!.url!, poolSize: 2 }) : await openDatabase({ dataDir: dataDir! });
      try {
        const ledger = await assertLedger(database, stations);
        process.stdout.write(
          `# ${backend}: ${stations.length} stations, ${ledger.sessions} sessions, ${ledger.samples} samples; killed after ${answeredBefore}/${total} answers with ${inFlight} calls in flight; ${resent} resent; restart ${restartMs} ms, queues drained ${resumedMs} ms, every CDR ${pricedMs} ms after it; 0 lost, 0 twice\n`,
        );
      } finally {
        await database.close();
      }
    });
  });
}
