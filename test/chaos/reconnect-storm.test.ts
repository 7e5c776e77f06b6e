/**
 * Reconnect storm (issue 9.6): a fleet of simulated stations (src/simulator, the scale issue's
 * simulator) connected and booted, then every socket dropped at the same moment, as when a
 * network link or a load balancer fails: half of them reset, the other half half-open (the
 * server is not told, so the new connection takes over from the old one, whose close comes
 * after it). They come back within seconds with their backoff, connect and boot again. Absorbed means: no refused handshake, no CALLERROR or timeout, every
 * station back, booted and marked connected, no error in the server's log, /health ok.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openDatabase } from '../../src/db/database.ts';
import type { OcppVersion } from '../../src/ocpp/dialect.ts';
import { Fleet } from '../../src/simulator/index.ts';
import { eventually } from '../helpers/app.ts';
import { freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';

const STATIONS = Number(process.env.CHAOS_STORM_STATIONS ?? 2000);
const VERSIONS: OcppVersion[] = ['1.6', '2.0.1', '2.1'];

describe('reconnect storm', () => {
  let db: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  let fleet: Fleet | undefined;
  after(async () => {
    await fleet?.stop();
    server?.child.kill('SIGKILL');
    await db?.drop();
  });

  it(`absorbs ${STATIONS} stations dropping and reconnecting at once`, async () => {
    db = await freshDatabase('postgres');
    const stations = Array.from({ length: STATIONS }, (_, i) => ({ id: `STORM-${i}`, version: VERSIONS[i % 3]! }));
    await db.database.query(`INSERT INTO stations (id, ocpp_version) SELECT * FROM unnest($1::text[], $2::text[])`, [
      stations.map((s) => s.id),
      stations.map((s) => s.version),
    ]);
    await db.database.close();
    server = await startServerProcess({ DATABASE_URL: db.url!, LOG_LEVEL: 'info' });
    fleet = new Fleet({
      url: server.ocppUrl,
      stations,
      rampPerSec: 500,
      evses: 1,
      meterIntervalSec: 60,
      sessionsPerHour: 0,
      sessionMinutes: 1,
      faultsPerHour: 0,
      rebootsPerHour: 0,
      tokens: [],
      vendor: 'Storm',
      model: 'Sim',
    });
    const stats = fleet.stats;
    const settledAt = (booted: number) => () => stats.connected === STATIONS && stats.booted === booted && stats.answered + stats.errors === stats.sent;
    await fleet.start();
    await eventually(settledAt(STATIONS), 120_000, 'the fleet connected and booted');
    assert.deepEqual([stats.refused, stats.errors], [0, 0], stats.lastError ?? '');

    const t0 = Date.now();
    fleet.dropAll();
    await eventually(settledAt(2 * STATIONS), 180_000, 'every station back and booted');
    const backMs = Date.now() - t0;
    assert.deepEqual([stats.refused, stats.errors], [0, 0], `refused handshakes and failed calls: ${stats.lastError}`);

    const health = await fetch(`${server.baseUrl}/health`);
    assert.equal(health.status, 200);
    const database = await openDatabase({ url: db.url!, poolSize: 1 });
    try {
      const count = async (sql: string) => Number((await database.query<{ n: string }>(sql)).rows[0]!.n);
      // The close of a taken-over socket comes after its successor's connect: every station must end up connected.
      await eventually(async () => (await count(`SELECT count(*) AS n FROM stations WHERE connected`)) === STATIONS, 30_000, 'every station marked connected');
      assert.equal(await count(`SELECT count(*) AS n FROM station_boots`), 2 * STATIONS, 'two boots stored per station');
    } finally {
      await database.close();
    }
    const errors = server.lines(/.*/).filter((e) => Number(e.level) >= 50);
    assert.deepEqual(errors, [], 'no error in the server log');
    process.stdout.write(`# storm: ${STATIONS} stations dropped at once; all back, booted and connected ${backMs} ms later; 0 refused, 0 errors\n`);
  });
});
