/**
 * Database outage (issue 9.5): PostgreSQL is stopped (immediate: as if it crashed) under load
 * and started again. Meanwhile the server stays up, /health says degraded, stations get
 * answers that make them retry (InternalError for what could not be stored, so transaction
 * messages stay queued; Pending for a boot; 503 for a new connection) and never a positive
 * answer for data not stored; afterwards everything they send again is stored once.
 *
 * The PostgreSQL is the test's own cluster (private-postgres.ts): the machine's server is
 * shared and must not be restarted.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { openDatabase } from '../../src/db/database.ts';
import { eventually } from '../helpers/app.ts';
import { adminApi, type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { assertLedger, queuedFleet, register, settled } from './helpers/ledger.ts';
import { type PrivatePostgres, postgresBinDir, startPrivatePostgres } from './helpers/private-postgres.ts';
import type { QueuedStation } from './helpers/queued-station.ts';

const STATIONS = Number(process.env.CHAOS_OUTAGE_STATIONS ?? 60);

/** One CALL on a raw socket; resolves with the frame that answers it. */
function call(ws: WebSocket, id: string, action: string, payload: unknown): Promise<unknown[]> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as unknown[];
      if (frame[1] !== id) return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify([2, id, action, payload]));
  });
}

/** The next CALL the server sends with this action: its id and payload. */
function nextCall(ws: WebSocket, action: string): Promise<{ id: string; payload: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as unknown[];
      if (frame[0] !== 2 || frame[2] !== action) return;
      ws.off('message', onMessage);
      resolve({ id: frame[1] as string, payload: frame[3] as Record<string, unknown> });
    };
    ws.on('message', onMessage);
  });
}

const statusOf = (connectorId: number, status: string) => ({ connectorId, status, errorCode: status === 'Faulted' ? 'GroundFailure' : 'NoError', timestamp: new Date().toISOString() });

function upgrade(url: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['ocpp1.6']);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('PostgreSQL restarted under load', { skip: !postgresBinDir() && !process.env.CI && 'no PostgreSQL server binaries' }, () => {
  let pgx: PrivatePostgres | undefined;
  let server: ServerProcess | undefined;
  const stations: QueuedStation[] = [];
  after(async () => {
    for (const st of stations) st.stop();
    server?.child.kill('SIGKILL');
    await pgx?.destroy();
  });

  it('stays up, tells stations to retry, and stores everything once after recovery', async () => {
    pgx = await startPrivatePostgres();
    server = await startServerProcess({ DATABASE_URL: pgx.url, BILLING_DRIVER_PAYMENT_MODE: 'postpaid' });
    let exitedEarly = false;
    void server.exited.then(() => (exitedEarly = true));
    const fleet = queuedFleet(server.ocppUrl, 'O', STATIONS, 3);
    const tag = fleet.tag;
    await register(server.baseUrl, [...fleet.plan, { id: `O${tag}-boot`, version: '1.6' }, { id: `O${tag}-late`, version: '1.6' }, { id: `O${tag}-status`, version: '1.6' }]);
    stations.push(...fleet.stations);
    // A station connected before the outage that boots during it.
    const booter = await upgrade(`${server.ocppUrl}/O${tag}-boot`);
    assert.ok(booter instanceof WebSocket);
    // A station whose connector faults during the outage: the status is refused, and asked for again after it.
    const faulty = await upgrade(`${server.ocppUrl}/O${tag}-status`);
    assert.ok(faulty instanceof WebSocket);
    assert.equal(((await call(faulty, 's0', 'BootNotification', { chargePointVendor: 'Chaos', chargePointModel: 'Status' }))[2] as { status: string }).status, 'Accepted');
    assert.deepEqual(await call(faulty, 's1', 'StatusNotification', statusOf(1, 'Available')), [3, 's1', {}]);
    const total = stations.reduce((n, s) => n + s.queued, 0);
    const runs = stations.map((s) => s.run());
    const answered = () => stations.reduce((n, s) => n + s.counters.answered, 0);
    const refused = () => stations.reduce((n, s) => n + Object.values(s.counters.callErrors).reduce((a, b) => a + b, 0), 0);
    await eventually(() => answered() >= total * 0.3, 120_000, '30% of the messages answered');

    await pgx.stop('immediate');
    const answeredAtStop = answered();
    const health = async () => {
      if (exitedEarly) throw new Error(`the server exited:\n${server!.tail()}`);
      const res = await fetch(`${server!.baseUrl}/health`);
      return { status: res.status, body: (await res.json()) as { status: string; database?: string } };
    };
    assert.deepEqual(await eventually(async () => ((await health()).status === 503 ? health() : null), 30_000, '/health degraded'), {
      status: 503,
      body: { status: 'degraded', database: 'unreachable' },
    });
    await eventually(() => refused() >= STATIONS, 60_000, 'the stations told to retry');
    const boot = await call(booter, 'b1', 'BootNotification', { chargePointVendor: 'Chaos', chargePointModel: 'Outage' });
    assert.equal(boot[0], 3);
    assert.deepEqual([(boot[2] as { status: string }).status, (boot[2] as { interval: number }).interval], ['Pending', 30], 'a boot not stored is Pending');
    assert.equal(await upgrade(`${server.ocppUrl}/O${tag}-late`), 503, 'a new connection is refused with 503 (try again)');
    const lost = await call(faulty, 's2', 'StatusNotification', statusOf(1, 'Faulted'));
    assert.deepEqual([lost[0], lost[2]], [4, 'InternalError'], 'a status that cannot be stored is not acknowledged');
    const downFor = answered() - answeredAtStop;

    const asked = nextCall(faulty, 'TriggerMessage');
    await pgx.start();
    await eventually(async () => (await health()).status === 200, 60_000, '/health ok again');
    // Once the database answers, the station is asked for the status it could not store, and sends it.
    const trigger = await Promise.race([
      asked,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the station was never asked for the status it lost')), 30_000).unref()),
    ]);
    assert.deepEqual(trigger.payload, { requestedMessage: 'StatusNotification', connectorId: 1 });
    faulty.send(JSON.stringify([3, trigger.id, { status: 'Accepted' }]));
    assert.deepEqual(await call(faulty, 's3', 'StatusNotification', statusOf(1, 'Faulted')), [3, 's3', {}]);
    const api = await adminApi(server.baseUrl);
    const station = (await api('GET', `/api/v1/stations/O${tag}-status`)).body as { connectors: { evseId: number; status: string; errorCode: string | null }[] };
    assert.deepEqual(station.connectors.map((c) => [c.evseId, c.status, c.errorCode]), [[1, 'Faulted', 'GroundFailure']]);
    faulty.close();
    await Promise.all(runs);
    assert.equal(exitedEarly, false, `the server stayed up:\n${server.tail()}`);
    const codes = new Set(stations.flatMap((s) => Object.keys(s.counters.callErrors)));
    assert.deepEqual([...codes], ['InternalError'], 'what could not be stored was answered InternalError, so the station kept it');
    const after = await call(booter, 'b2', 'BootNotification', { chargePointVendor: 'Chaos', chargePointModel: 'Outage' });
    assert.equal((after[2] as { status: string }).status, 'Accepted');
    booter.close();

    await settled(server.baseUrl, stations);
    const database = await openDatabase({ url: pgx.url, poolSize: 2 });
    try {
      const ledger = await assertLedger(database, stations);
      process.stdout.write(
        `# outage: ${stations.length} stations, ${ledger.sessions} sessions, ${ledger.samples} samples; ${refused()} CALLs refused with InternalError and sent again, ${downFor} positive answers while down; 0 lost, 0 twice\n`,
      );
    } finally {
      await database.close();
    }
    assert.equal(exitedEarly, false);
  });
});
