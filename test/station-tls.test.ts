/**
 * Security profiles 2 and 3 on the TLS listener, with a CA, server and client certificates
 * generated in the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startServer, type TestServer } from './helpers/app.ts';
import { createCa, type Pem, type TestCa, tlsEnv } from './helpers/certs.ts';
import { bootPayload, connectStation } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';

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
  before(async () => {
    ca = await createCa();
    const server = await ca.issue('localhost', 'server');
    stationCert = await ca.issue('CP-CERT', 'client');
    s = await startServer(backend!, { env: await tlsEnv(ca, server) });
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

async function tlsPortOf(s: TestServer): Promise<number> {
  const port = s.app.tlsPort;
  assert.ok(port, 'the TLS listener is up');
  return port;
}
