/**
 * Graceful shutdown (issue 9.4), on the real process: SIGTERM while a station's CALL waits for
 * its commit. The station gets its answer, then a close with 1012 (Service Restart) so it
 * reconnects; a new station is refused meanwhile; what was answered is stored; the process
 * exits 0. And a peer that never answers the close handshake does not hold the exit past
 * SHUTDOWN_TIMEOUT_SEC.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import WebSocket from 'ws';
import { openDatabase } from '../src/db/database.ts';
import { eventually } from './helpers/app.ts';
import { backends, freshDatabase, type TestDatabase } from './helpers/db.ts';
import { adminApi, type ServerProcess, startServerProcess } from './helpers/server-process.ts';

const open = (url: string, protocol: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, [protocol]);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });

/** Resolves with the frame answering `id`. */
const answerTo = (ws: WebSocket, id: string) =>
  new Promise<unknown[]>((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as unknown[];
      if (frame[1] === id) resolve(frame);
    });
  });

/** Sends a CALL, then a ping: the pong proves the server has read the CALL (frames are read in order). */
async function callInFlight(ws: WebSocket, id: string, action: string, payload: unknown): Promise<{ answer: Promise<unknown[]> }> {
  const answer = answerTo(ws, id);
  ws.send(JSON.stringify([2, id, action, payload]));
  await new Promise<void>((resolve) => {
    ws.once('pong', () => resolve());
    ws.ping();
  });
  return { answer };
}

for (const backend of await backends()) {
  describe(`SIGTERM (${backend})`, () => {
    let db: TestDatabase | undefined;
    let dataDir: string | undefined;
    let server: ServerProcess | undefined;
    after(async () => {
      server?.child.kill('SIGKILL');
      await db?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    async function start(env: Record<string, string>) {
      if (backend === 'pglite') {
        dataDir ??= await mkdtemp(path.join(tmpdir(), 'straumur-shutdown-'));
        return startServerProcess({ DATA_DIR: dataDir, ...env });
      }
      db ??= await freshDatabase(backend);
      await db.database.close();
      return startServerProcess({ DATABASE_URL: db.url!, ...env });
    }

    async function stored(id: string): Promise<string[]> {
      const database = backend === 'pglite' ? await openDatabase({ dataDir: dataDir! }) : await openDatabase({ url: db!.url!, poolSize: 1 });
      try {
        return (await database.query<{ status: string }>(`SELECT status FROM connectors WHERE station_id = $1`, [id])).rows.map((r) => r.status);
      } finally {
        await database.close();
      }
    }

    it('answers the CALL in flight, closes with 1012, refuses newcomers, exits 0', async () => {
      // A second's batch window holds the StatusNotification in the group commit when SIGTERM comes.
      server = await start({ WRITE_BATCH_MS: '1000', SHUTDOWN_TIMEOUT_SEC: '10' });
      const api = await adminApi(server.baseUrl);
      assert.equal((await api('POST', '/api/v1/stations', { id: 'TERM-1', ocppVersion: '1.6' })).status, 201);
      assert.equal((await api('POST', '/api/v1/stations', { id: 'TERM-2', ocppVersion: '1.6' })).status, 201);
      const ws = await open(`${server.ocppUrl}/TERM-1`, 'ocpp1.6');
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      const boot = await callInFlight(ws, 'b1', 'BootNotification', { chargePointVendor: 'Term', chargePointModel: 'One' });
      assert.equal((await boot.answer)[0], 3);

      const at = new Date().toISOString();
      const frames: unknown[] = [];
      ws.on('message', (data) => frames.push(JSON.parse(String(data))));
      await callInFlight(ws, 's1', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Faulted', timestamp: at });
      server.child.kill('SIGTERM');
      // The signal reaches the process when the kernel and its event loop get to it: connect once it has.
      const s = server;
      await eventually(() => s.lines(/^shutting down$/).length > 0, 5000, 'the server took the signal');
      await assert.rejects(open(`${server.ocppUrl}/TERM-2`, 'ocpp1.6'), 'a station connecting during the shutdown is refused');
      assert.equal(await closed, 1012, 'the socket closes with Service Restart');
      assert.deepEqual(frames, [[3, 's1', {}]], 'the CALL in flight was answered before the close');
      assert.equal(await server.exited, 0);
      assert.equal(server.lines(/^shut down$/).length, 1, server.tail());
      server = undefined;
      assert.deepEqual(await stored('TERM-1'), ['Faulted'], 'what was answered is stored');
    });

    it('does not wait past SHUTDOWN_TIMEOUT_SEC for a peer that ignores the close handshake', async () => {
      server = await start({ SHUTDOWN_TIMEOUT_SEC: '2' });
      const api = await adminApi(server.baseUrl);
      assert.equal((await api('POST', '/api/v1/stations', { id: 'MUTE-1', ocppVersion: '1.6' })).status, 201);
      // A bare TCP peer: it completes the upgrade, then never reads or answers a frame.
      const sock = tcpConnect(server.port, '127.0.0.1');
      const upgraded = new Promise<string>((resolve) => sock.once('data', (d) => resolve(String(d))));
      sock.write(
        `GET /ocpp/MUTE-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n`,
      );
      assert.match(await upgraded, /^HTTP\/1.1 101/);
      const ended = new Promise<void>((resolve) => sock.once('close', () => resolve()));
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0, `exit 0 within the bound (1 on the hard stop):\n${server.tail()}`);
      await ended;
      server = undefined;
    });
  });
}
