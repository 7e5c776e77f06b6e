/**
 * Security profiles 2 and 3 on the TLS listener, with a CA, server and client certificates
 * generated in the test.
 */
import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer, type ConnectionOptions } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { createCa, type Pem, type TestCa, tlsEnv } from './helpers/certs.ts';
import { bootPayload, connectStation } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { captureLogs } from './helpers/logs.ts';

function upgrade(url: string, opts: Record<string, unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['ocpp2.0.1'], opts);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', (err) => reject(err));
  });
}

const [backend] = await backends();

describe(`OCPP over TLS (security profiles 2 and 3) on ${backend}`, () => {
  let s: TestServer;
  let ca: TestCa;
  let wssUrl: string;
  let stationCert: Pem;
  let serverCert: Pem;
  const logs = captureLogs();
  before(async () => {
    ca = await createCa();
    serverCert = await ca.issue('localhost', 'server');
    stationCert = await ca.issue('CP-CERT', 'client');
    s = await startServer(backend!, { env: await tlsEnv(ca, serverCert), log: logs.log });
    wssUrl = `wss://127.0.0.1:${await tlsPortOf(s)}/ocpp`;
  });
  after(() => s?.close());

  it('profile 3: a station with a client certificate for its id connects and boots', async () => {
    await s.api('POST', '/api/v1/stations', { id: 'CP-CERT', securityProfile: 3 });
    const cp = await connectStation({
      endpoint: wssUrl,
      identity: 'CP-CERT',
      version: '2.0.1',
      wsOpts: { ca: ca.cert, cert: stationCert.cert, key: stationCert.key },
    });
    const boot = (await cp.call('BootNotification', bootPayload('2.0.1'))) as { status: string };
    assert.equal(boot.status, 'Accepted');
    await cp.close();
  });

  it("profile 3: refuses no certificate, another station's certificate, and one from another CA", async () => {
    await s.api('POST', '/api/v1/stations', { id: 'CP-P3', securityProfile: 3 });
    const tls = { ca: ca.cert };
    assert.equal(await upgrade(`${wssUrl}/CP-P3`, tls), 401);
    assert.equal(await upgrade(`${wssUrl}/CP-P3`, { ...tls, cert: stationCert.cert, key: stationCert.key }), 401);
    const rogue = await createCa('Rogue CA');
    const forged = await rogue.issue('CP-P3', 'client');
    assert.equal(await upgrade(`${wssUrl}/CP-P3`, { ...tls, cert: forged.cert, key: forged.key }), 401);
    // and over plain ws the profile-3 station is refused too
    assert.equal(await upgrade(`${s.ocppUrl}/CP-P3`, {}), 401);
    const reasons = (await s.api('GET', '/api/v1/connection-attempts')).body.items
      .filter((a: { stationId: string }) => a.stationId === 'CP-P3')
      .map((a: { reason: string }) => a.reason)
      .sort();
    assert.deepEqual(reasons, ['client-certificate-invalid', 'client-certificate-required', 'tls-required']);
  });

  it('profile 2: Basic auth over wss is accepted; the same over ws is refused', async () => {
    const password = 'profile-two-password';
    await s.api('POST', '/api/v1/stations', { id: 'CP-P2', password, securityProfile: 2 });
    const cp = await connectStation({ endpoint: wssUrl, identity: 'CP-P2', version: '1.6', password, wsOpts: { ca: ca.cert } });
    assert.ok(await cp.call('Heartbeat', {}));
    await cp.close();
    const auth = { headers: { authorization: `Basic ${Buffer.from(`CP-P2:${password}`).toString('base64')}` } };
    assert.equal(await upgrade(`${s.ocppUrl}/CP-P2`, auth), 401);
  });

  it('profile 2: a wrong password or none over wss is refused', async () => {
    await s.api('POST', '/api/v1/stations', { id: 'CP-P2B', password: 'profile-two-secret', securityProfile: 2 });
    const wrong = { ca: ca.cert, headers: { authorization: `Basic ${Buffer.from('CP-P2B:not-the-secret').toString('base64')}` } };
    assert.equal(await upgrade(`${wssUrl}/CP-P2B`, wrong), 401);
    assert.equal(await upgrade(`${wssUrl}/CP-P2B`, { ca: ca.cert }), 401);
  });

  it('refuses TLS 1.0 and 1.1, and logs it; a control server shows the client really speaks TLS 1.1', async (t) => {
    // Node's OpenSSL will not offer TLS < 1.2 at its default security level; level 0 makes the client able to.
    const old: ConnectionOptions = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0', ca: ca.cert, servername: 'localhost' };
    const control = createTlsServer({ ...serverCert, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }, (sock) => sock.end());
    await new Promise<void>((r) => control.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (control.address() as { port: number }).port;
      const spoken = await handshake(port, old).catch(() => null);
      if (spoken === null) return t.skip('this OpenSSL cannot speak TLS 1.1 at all: nothing to refuse');
      assert.equal(spoken, 'TLSv1.1');
    } finally {
      control.close();
    }
    for (const maxVersion of ['TLSv1', 'TLSv1.1'] as const) {
      await assert.rejects(handshake(await tlsPortOf(s), { ...old, maxVersion }), /protocol|version/i, `${maxVersion} is refused`);
    }
    assert.equal(await handshake(await tlsPortOf(s), { ca: ca.cert, servername: 'localhost', maxVersion: 'TLSv1.2' }), 'TLSv1.2');
    assert.ok(logs.lines().some((l) => l.msg === 'TLS handshake refused' && /version|protocol/i.test(String(l.code) + String(l.why))), 'the refusal is logged');
  });

  it('TLS_MIN_VERSION=TLSv1.3 refuses a TLS 1.2 client; a TLS handshake that never comes is cut and logged', async () => {
    const strictLogs = captureLogs();
    const env = { ...(await tlsEnv(ca, serverCert)), TLS_MIN_VERSION: 'TLSv1.3', TLS_HANDSHAKE_TIMEOUT_SEC: '1' };
    const strict = await startServer(backend!, { env, log: strictLogs.log });
    try {
      const port = await tlsPortOf(strict);
      await assert.rejects(handshake(port, { ca: ca.cert, servername: 'localhost', maxVersion: 'TLSv1.2' }), /protocol|version/i);
      assert.equal(await handshake(port, { ca: ca.cert, servername: 'localhost' }), 'TLSv1.3');
      // A socket that opens and says nothing: the TLS listener cuts it after the handshake timeout.
      const silent = netConnect(port, '127.0.0.1');
      const cut = new Promise<void>((r) => silent.once('close', () => r()));
      await Promise.race([cut, new Promise((_, reject) => setTimeout(() => reject(new Error('the silent socket was never cut')), 15_000))]);
      await eventually(() => strictLogs.lines().some((l) => l.msg === 'TLS handshake refused' && /timeout/i.test(String(l.code) + String(l.why))), 5000, 'the cut is logged');
    } finally {
      await strict.close();
    }
  });

  it('the REST API is served on the TLS port too', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      import('node:https').then(({ get }) =>
        get(`${wssUrl.replace('wss', 'https').replace('/ocpp', '')}/health`, { ca: ca.cert }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        }).on('error', reject),
      );
    });
    assert.equal(res, 200);
  });
});

/** Completes a TLS handshake with these options and returns the protocol spoken. */
function handshake(port: number, opts: ConnectionOptions): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const sock = tlsConnect({ host: '127.0.0.1', port, ...opts }, () => {
      const protocol = sock.getProtocol();
      sock.end();
      resolve(protocol);
    });
    sock.once('error', reject);
  });
}

async function tlsPortOf(s: TestServer): Promise<number> {
  const port = s.app.tlsPort;
  assert.ok(port, 'the TLS listener is up');
  return port;
}
