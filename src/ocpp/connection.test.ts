/**
 * StationConnection over a real WebSocket pair on port 0, with hand-made route tables, so the
 * paths a healthy server never takes (a handler that throws, a response that fails its
 * schema, a station that answers late or never) are shown to answer the right way.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { systemClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import type { MessageEntry } from '../messages/index.ts';
import { type Protocol, StationConnection } from './connection.ts';
import { callFailure, compileRoutes, type RouteTable } from './route.ts';
import { compileSchemas } from './schemas.ts';
import { dialect as v16 } from './v16/dialect.ts';
import { dialect as v201 } from './v201/dialect.ts';

const log = createLogger('silent');

function protocolWith(table: RouteTable, dialect = v16): Protocol {
  const schemas = compileSchemas(dialect.version === '1.6' ? 'ocpp1_6' : 'ocpp2_0_1');
  return { dialect, schemas, routes: compileRoutes(dialect, schemas, table), commands: {}, stationOnly: new Set() };
}

interface Pair {
  server: StationConnection;
  client: WebSocket;
  received: unknown[];
  logged: MessageEntry[];
  next(): Promise<unknown>;
}

describe('StationConnection', () => {
  let wss: WebSocketServer;
  let port: number;
  let pending: ((ws: WebSocket) => void) | undefined;

  before(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(wss, 'listening');
    port = (wss.address() as AddressInfo).port;
    wss.on('connection', (ws) => pending?.(ws));
  });
  after(() => wss.close());

  async function pair(protocol: Protocol, callTimeoutMs = 2000): Promise<Pair> {
    const serverSide = new Promise<WebSocket>((resolve) => (pending = resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: unknown[] = [];
    const waiters: Array<(v: unknown) => void> = [];
    client.on('message', (d) => {
      const msg = JSON.parse(d.toString());
      const w = waiters.shift();
      if (w) w(msg);
      else received.push(msg);
    });
    await once(client, 'open');
    const logged: MessageEntry[] = [];
    const server = new StationConnection('CP-T', protocol, await serverSide, {
      clock: systemClock,
      log,
      messages: { record: (e) => logged.push(e) },
      callTimeoutMs,
      onActivity: () => {},
    });
    const next = () => (received.length ? Promise.resolve(received.shift()) : new Promise((r) => waiters.push(r)));
    return { server, client, received, logged, next };
  }

  it('answers InternalError when a handler throws, and keeps serving', async () => {
    const p = await pair(
      protocolWith({
        Heartbeat: () => {
          throw new Error('database on fire');
        },
        DataTransfer: () => ({ status: 'Accepted' }),
      }),
    );
    p.client.send('[2,"m1","Heartbeat",{}]');
    const err = (await p.next()) as unknown[];
    assert.deepEqual(err.slice(0, 3), [4, 'm1', 'InternalError']);
    assert.doesNotMatch(String(err[3]), /fire/, 'the internal cause is not sent to the station');
    p.client.send('[2,"m2","DataTransfer",{"vendorId":"x"}]');
    assert.deepEqual(await p.next(), [3, 'm2', { status: 'Accepted' }]);
    p.client.close();
  });

  it('answers InternalError when our own response fails its schema', async () => {
    const p = await pair(protocolWith({ Heartbeat: () => ({ currentTime: 'not a time' }) }));
    p.client.send('[2,"m1","Heartbeat",{}]');
    assert.deepEqual(((await p.next()) as unknown[]).slice(0, 3), [4, 'm1', 'InternalError']);
    p.client.close();
  });

  it("answers a handler's expected refusal with its kind, in the version's spelling", async () => {
    const refuse: RouteTable = { Heartbeat: () => callFailure('occurrence', 'no') };
    const p16 = await pair(protocolWith(refuse, v16));
    p16.client.send('[2,"a","Heartbeat",{}]');
    assert.deepEqual(((await p16.next()) as unknown[]).slice(0, 3), [4, 'a', 'OccurenceConstraintViolation']);
    p16.client.close();
    const p201 = await pair(protocolWith(refuse, v201));
    p201.client.send('[2,"a","Heartbeat",{}]');
    assert.deepEqual(((await p201.next()) as unknown[]).slice(0, 3), [4, 'a', 'OccurrenceConstraintViolation']);
    p201.client.close();
  });

  it('answers CALLs one at a time, in the order they came', async () => {
    const order: string[] = [];
    const p = await pair(
      protocolWith({
        DataTransfer: async (_ctx, req: { vendorId: string }) => {
          await new Promise((r) => setTimeout(r, req.vendorId === 'slow' ? 50 : 1));
          order.push(req.vendorId);
          return { status: 'Accepted' };
        },
      }),
    );
    p.client.send('[2,"1","DataTransfer",{"vendorId":"slow"}]');
    p.client.send('[2,"2","DataTransfer",{"vendorId":"fast"}]');
    assert.equal(((await p.next()) as unknown[])[1], '1');
    assert.equal(((await p.next()) as unknown[])[1], '2');
    assert.deepEqual(order, ['slow', 'fast']);
    p.client.close();
  });

  it('keeps one CSMS call in flight, queues the next, and times out a silent station', async () => {
    const p = await pair(protocolWith({}), 300);
    const first = p.server.call('ClearCache', {});
    const second = p.server.call('ClearCache', {});
    const call1 = (await p.next()) as [number, string, string, unknown];
    assert.equal(call1[2], 'ClearCache');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(p.received.length, 0, 'the second call waits for the first answer');
    p.client.send(JSON.stringify([3, call1[1], { status: 'Accepted' }]));
    assert.deepEqual(await first, { kind: 'result', payload: { status: 'Accepted' } });
    const call2 = (await p.next()) as [number, string];
    assert.notEqual(call2[1], call1[1]);
    // the station never answers the second
    assert.deepEqual(await second, { kind: 'timeout' });
    // a late answer is dropped without harm, and the connection still works
    p.client.send(JSON.stringify([3, call2[1], { status: 'Accepted' }]));
    const third = p.server.call('ClearCache', {});
    const call3 = (await p.next()) as [number, string];
    p.client.send(JSON.stringify([4, call3[1], 'NotSupported', 'nope', {}]));
    assert.deepEqual(await third, { kind: 'error', code: 'NotSupported', description: 'nope', details: {} });
    p.client.close();
  });

  it('refuses to send a payload that fails the schema, and reports an invalid answer', async () => {
    const p = await pair(protocolWith({}));
    const bad = await p.server.call('Reset', { type: 'Gentle' });
    assert.equal(bad.kind, 'invalid-request');
    assert.equal(p.received.length, 0);
    const unknown = await p.server.call('MakeCoffee', {});
    assert.equal(unknown.kind, 'invalid-request');
    const reset = p.server.call('Reset', { type: 'Soft' });
    const frame = (await p.next()) as [number, string];
    p.client.send(JSON.stringify([3, frame[1], { status: 'Maybe' }]));
    assert.equal((await reset).kind, 'invalid-response');
    p.client.close();
  });

  it('ends pending calls as closed when the socket closes', async () => {
    const p = await pair(protocolWith({}));
    const pendingCall = p.server.call('ClearCache', {});
    await p.next();
    p.client.close();
    await once(p.server.socket, 'close');
    p.server.dispose();
    assert.deepEqual(await pendingCall, { kind: 'closed' });
    assert.deepEqual(await p.server.call('ClearCache', {}), { kind: 'closed' });
  });

  it('logs every frame in and out', async () => {
    const p = await pair(protocolWith({ Heartbeat: () => ({ currentTime: new Date().toISOString() }) }));
    p.client.send('[2,"h1","Heartbeat",{}]');
    await p.next();
    assert.deepEqual(
      p.logged.map((e) => [e.direction, e.messageType, e.messageId, e.action]),
      [
        ['in', 2, 'h1', 'Heartbeat'],
        ['out', 3, 'h1', 'Heartbeat'],
      ],
    );
    p.client.close();
  });
});
