/**
 * Abuse of the connection layer (docs/adr/0028): handshake floods and failed attempts from one
 * address are limited, honest stations sharing that address (a carrier's NAT, a load
 * balancer) all get in; slow and oversized handshakes are cut; odd station ids never reach a
 * lookup; frames that are not UTF-8 or too large close only their own socket. Every refusal
 * is logged, and no log line carries a password.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { eventually, startServer } from './helpers/app.ts';
import { connectStation } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { openFrameSocket, upgradeStatus } from './helpers/frame-socket.ts';
import { captureLogs } from './helpers/logs.ts';

const [backend] = await backends();
const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
const logged = (lines: Array<Record<string, unknown>>, msg: string) => lines.filter((l) => String(l.msg).includes(msg));

/** Opens a WebSocket and resolves once it is open (or refused with its status); the caller closes it. */
function open(url: string, headers: Record<string, string> = {}): Promise<{ status: number; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['ocpp1.6'], { headers });
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ws });
    });
    ws.once('error', (err) => {
      if (!ws.listenerCount('unexpected-response')) reject(err);
    });
  });
}

/** An upgrade request written byte for byte (no client URL normalisation): the server's whole answer. */
function rawUpgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let answer = '';
    sock.on('data', (d) => (answer += d.toString()));
    sock.on('error', reject);
    sock.on('close', () => resolve(answer));
    sock.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n`,
    );
  });
}

describe('connection limits and honest stations behind one address', () => {
  it('250 stations from one address connect at once with the limits on, while a misconfigured neighbour retries', async () => {
    const logs = captureLogs();
    const env = {
      OCPP_HANDSHAKE_RATE_PER_ADDRESS: '1',
      OCPP_HANDSHAKE_BURST_PER_ADDRESS: '320',
      AUTH_FAILURE_LIMIT: '3',
      AUTH_FAILURE_LIMIT_PER_ADDRESS: '5',
      AUTH_FAILURE_WINDOW_SEC: '600',
    };
    const s = await startServer(backend!, { env, log: logs.log });
    const sockets: WebSocket[] = [];
    try {
      const N = 250;
      for (let i = 0; i < N; i++) assert.equal((await s.api('POST', '/api/v1/stations', { id: `NAT-${i}` })).status, 201);
      await s.api('POST', '/api/v1/stations', { id: 'MISCONFIGURED', password: 'the-real-password-1' });
      // A station with the wrong password retries over and over: it blocks only itself.
      for (let i = 0; i < 12; i++) {
        const r = await upgradeStatus(`${s.ocppUrl}/MISCONFIGURED`, ['ocpp1.6'], basic('MISCONFIGURED', 'an-old-password-9'));
        assert.equal(r.status, i < 3 ? 401 : 429);
      }
      // Two unknown ids (a typo in two stations' configuration): still under the address limit of 5 distinct ids.
      for (const id of ['TYPO-1', 'TYPO-2', 'TYPO-1']) assert.equal((await upgradeStatus(`${s.ocppUrl}/${id}`, ['ocpp1.6'])).status, 404);

      const results = await Promise.all(Array.from({ length: N }, (_, i) => open(`${s.ocppUrl}/NAT-${i}`)));
      sockets.push(...results.map((r) => r.ws));
      assert.deepEqual(
        results.map((r) => r.status).filter((st) => st !== 101),
        [],
        'every honest station got in',
      );
      await eventually(() => s.app.gateway.size === N, 10_000, `${N} stations held`);

      // The flood: past the burst, handshakes from this address are refused with 429 and a Retry-After.
      const flood = await Promise.all(Array.from({ length: 120 }, () => upgradeStatus(`${s.ocppUrl}/NAT-0`, ['ocpp1.6'])));
      const refused = flood.filter((r) => r.status === 429);
      assert.ok(refused.length >= 50, `refused ${refused.length} of 120`);
      assert.ok(Number(refused[0]!.headers['retry-after']) >= 1, 'a 429 says when to retry');
      const lines = logs.lines();
      const rateLines = logged(lines, 'too many handshakes');
      assert.ok(rateLines.length >= 1 && rateLines.length <= 2, `a flood is logged once in a while, not per refusal (${rateLines.length})`);
      assert.equal(rateLines[0]!.address, '127.0.0.1');
    } finally {
      for (const ws of sockets) ws.terminate();
      await s.close();
    }
  });

  it('the address limit counts distinct ids, and never refuses a station that has proven itself from that address', async () => {
    const s = await startServer(backend!, { env: { AUTH_FAILURE_LIMIT: '10', AUTH_FAILURE_LIMIT_PER_ADDRESS: '3', AUTH_FAILURE_WINDOW_SEC: '600' } });
    try {
      await s.api('POST', '/api/v1/stations', { id: 'PROVEN' });
      await s.api('POST', '/api/v1/stations', { id: 'NEWCOMER' });
      assert.equal((await upgradeStatus(`${s.ocppUrl}/PROVEN`, ['ocpp1.6'])).status, 101);
      for (const id of ['SCAN-1', 'SCAN-2', 'SCAN-3']) assert.equal((await upgradeStatus(`${s.ocppUrl}/${id}`, ['ocpp1.6'])).status, 404);
      assert.equal((await upgradeStatus(`${s.ocppUrl}/SCAN-4`, ['ocpp1.6'])).status, 429, 'a scanner is slowed');
      assert.equal((await upgradeStatus(`${s.ocppUrl}/NEWCOMER`, ['ocpp1.6'])).status, 429, 'an unproven id waits for the window');
      assert.equal((await upgradeStatus(`${s.ocppUrl}/PROVEN`, ['ocpp1.6'])).status, 101, 'a proven station reconnects');
    } finally {
      await s.close();
    }
  });
});

describe('hostile handshakes', () => {
  it('password guessing is slowed and logged, and no log line carries a password', async () => {
    const logs = captureLogs();
    const s = await startServer(backend!, { env: { AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_SEC: '600' }, log: logs.log });
    try {
      const password = 'the-right-password-42';
      await s.api('POST', '/api/v1/stations', { id: 'VAULT', password });
      const guesses = ['guess-one-secret-1', 'guess-two-secret-2', 'guess-three-secret'];
      for (const g of guesses) assert.equal((await upgradeStatus(`${s.ocppUrl}/VAULT`, ['ocpp1.6'], basic('VAULT', g))).status, 401);
      assert.equal((await upgradeStatus(`${s.ocppUrl}/VAULT`, ['ocpp1.6'], basic('VAULT', password))).status, 429);
      const lines = logs.lines();
      const refusals = logged(lines, 'station connection refused').filter((l) => l.stationId === 'VAULT');
      assert.deepEqual(
        refusals.map((l) => l.reason),
        ['wrong-password', 'wrong-password', 'wrong-password'],
      );
      assert.equal(logged(lines, 'too many failed attempts').length, 1);
      const text = logs.text();
      for (const secret of [password, ...guesses]) {
        assert.ok(!text.includes(secret), `the log never holds ${secret}`);
        assert.ok(!text.includes(Buffer.from(`VAULT:${secret}`).toString('base64')), 'nor its Basic header');
      }
    } finally {
      await s.close();
    }
  });

  it('odd station ids are refused with 400 and logged, and never reach a lookup', async () => {
    const logs = captureLogs();
    const s = await startServer(backend!, { log: logs.log });
    try {
      const odd = ['..', '.', '%2e%2e', '%2E', 'a%2Fb', '..%2F..%2Fetc%2Fpasswd', 'a%00b', 'x'.repeat(49), '%C3%A9t%C3%A9', '%F0%9F%92%A5', 'a%20b', '%25', 'a%3Bb', '%E0%A4%A'];
      for (const id of odd) {
        const r = await rawUpgrade(s.port, `/ocpp/${id}`);
        assert.match(r, /^HTTP\/1\.1 400 /, id);
        assert.match(r, /station id/);
      }
      assert.match(await rawUpgrade(s.port, '/ocpp/a/b'), /^HTTP\/1\.1 404 /);
      const attempts = (await s.api('GET', '/api/v1/connection-attempts')).body.items;
      assert.deepEqual(attempts, [], 'no lookup, no record');
      const lines = logged(logs.lines(), 'not a station path');
      assert.ok(lines.length >= 1, 'the refusal is logged');
      assert.equal(lines[0]!.path, '/ocpp/..');
    } finally {
      await s.close();
    }
  });

  it('a socket that dribbles its handshake is cut with 408, and oversized headers get 431; both are logged', async () => {
    const logs = captureLogs();
    const s = await startServer(backend!, { env: { HTTP_HEADERS_TIMEOUT_SEC: '1', HTTP_MAX_HEADER_BYTES: '8192' }, log: logs.log });
    try {
      await s.api('POST', '/api/v1/stations', { id: 'HONEST' });
      const sock = connect(s.port, '127.0.0.1');
      let answer = '';
      sock.on('data', (d) => (answer += d.toString()));
      const closed = new Promise<void>((r) => sock.once('close', () => r()));
      sock.write('GET /ocpp/HONEST HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
      const drip = setInterval(() => sock.writable && sock.write('X-Slow: 1\r\n'), 200);
      try {
        await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the dribbler was never cut')), 15_000))]);
      } finally {
        clearInterval(drip);
      }
      assert.match(answer, /^HTTP\/1\.1 408/);
      // Meanwhile an honest station is served.
      const cp = await connectStation({ endpoint: s.ocppUrl, identity: 'HONEST', version: '1.6' });
      assert.ok(await cp.call('Heartbeat', {}));
      await cp.close();

      const big = await upgradeStatus(`${s.ocppUrl}/HONEST`, ['ocpp1.6'], { 'x-padding': 'p'.repeat(10_000) });
      assert.equal(big.status, 431);
      const codes = logs.lines().map((l) => l.code);
      assert.ok(codes.includes('ERR_HTTP_REQUEST_TIMEOUT'), 'the cut dribbler is logged');
      assert.ok(codes.includes('HPE_HEADER_OVERFLOW'), 'the oversized handshake is logged');
    } finally {
      await s.close();
    }
  });

  it('a text frame that is not UTF-8 closes its socket with 1007, an oversized one with 1009; both logged, the neighbours undisturbed', async () => {
    const logs = captureLogs();
    const s = await startServer(backend!, { env: { OCPP_MAX_FRAME_BYTES: '4096' }, log: logs.log });
    try {
      for (const id of ['MANGLED', 'BINARY', 'HUGE', 'CALM']) await s.api('POST', '/api/v1/stations', { id });
      const calm = await connectStation({ endpoint: s.ocppUrl, identity: 'CALM', version: '1.6' });

      const mangled = await openFrameSocket(`${s.ocppUrl}/MANGLED`, ['ocpp1.6']);
      mangled.ws.send(Buffer.from([0x5b, 0x32, 0x2c, 0x22, 0xff, 0xfe, 0x22, 0x5d]), { binary: false });
      assert.equal((await mangled.closed).code, 1007);

      // The same bytes in a binary frame are read as text with U+FFFD: an unreadable frame, answered, socket kept.
      const binary = await openFrameSocket(`${s.ocppUrl}/BINARY`, ['ocpp1.6']);
      const bad = Buffer.concat([Buffer.from('[2,"b1","Heartbeat",{"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]')]);
      assert.deepEqual((await binary.ask('b1', bad))?.slice(0, 3), [4, 'b1', 'FormationViolation']);
      assert.equal((await binary.ask('b2', Buffer.from('[2,"b2","Heartbeat",{}]')))?.[0], 3);
      binary.close();

      const huge = await openFrameSocket(`${s.ocppUrl}/HUGE`, ['ocpp1.6']);
      huge.ws.send(JSON.stringify([2, 'h', 'DataTransfer', { vendorId: 'v', data: 'x'.repeat(10_000) }]));
      assert.equal((await huge.closed).code, 1009);

      assert.ok(await calm.call('Heartbeat', {}), 'the neighbour is still served');
      await calm.close();
      await eventually(() => {
        const errors = logged(logs.lines(), 'station socket error').map((l) => (l.err as { code?: string }).code);
        return errors.includes('WS_ERR_INVALID_UTF8') && errors.includes('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
      }, 5000, 'both closes logged');
    } finally {
      await s.close();
    }
  });
});
