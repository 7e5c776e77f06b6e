import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCredentials, type CredentialCheck, isRefusal, negotiateSubprotocol, readBasicAuth, stationIdFromUrl } from './upgrade.ts';

describe('stationIdFromUrl', () => {
  it('reads the id from /ocpp/{id}', () => {
    assert.equal(stationIdFromUrl('/ocpp/CP-1'), 'CP-1');
    assert.equal(stationIdFromUrl('/ocpp/CP-1/'), 'CP-1');
    assert.equal(stationIdFromUrl('/ocpp/CP-1?x=1'), 'CP-1');
    assert.equal(stationIdFromUrl('/ocpp/CP%2D1'), 'CP-1');
  });

  it('refuses other paths with 404 and bad ids with 400', () => {
    for (const url of ['/', '/ocpp', '/ocpp/', '/api/ocpp/CP-1', '/ocpp/a/b', undefined]) {
      const r = stationIdFromUrl(url);
      assert.ok(isRefusal(r) && r.status === 404, String(url));
    }
    for (const url of ['/ocpp/..', '/ocpp/%2e%2e', '/ocpp/a%2Fb', '/ocpp/a%00', `/ocpp/${'x'.repeat(49)}`, '/ocpp/%E0%A4%A', '/ocpp/a:b', '/ocpp/%3Cscript%3E']) {
      const r = stationIdFromUrl(url);
      assert.ok(isRefusal(r) && r.status === 400, url);
    }
  });
});

describe('negotiateSubprotocol', () => {
  it('chooses the newest offered version', () => {
    assert.deepEqual(negotiateSubprotocol('ocpp1.6, ocpp2.0.1', '1.6'), { version: '2.0.1', subprotocol: 'ocpp2.0.1' });
    assert.deepEqual(negotiateSubprotocol('ocpp1.6,ocpp2.1,ocpp2.0.1', '1.6'), { version: '2.1', subprotocol: 'ocpp2.1' });
    assert.deepEqual(negotiateSubprotocol('ocpp1.6', '2.0.1'), { version: '1.6', subprotocol: 'ocpp1.6' });
  });

  it('uses the registered version when none is offered', () => {
    assert.deepEqual(negotiateSubprotocol(undefined, '1.6'), { version: '1.6', subprotocol: null });
    assert.deepEqual(negotiateSubprotocol('', '2.0.1'), { version: '2.0.1', subprotocol: null });
  });

  it('refuses an offer of only other protocols with 400', () => {
    const r = negotiateSubprotocol('ocpp1.5, mqtt', '1.6');
    assert.ok(isRefusal(r));
    assert.equal(r.status, 400);
    assert.match(r.message, /ocpp1\.5/);
  });
});

describe('readBasicAuth', () => {
  const basic = (s: string | Buffer) => `Basic ${Buffer.from(s).toString('base64')}`;
  it('splits at the first colon and keeps the password as bytes', () => {
    const c = readBasicAuth(basic('CP-1:pa:ss'));
    assert.equal(c?.username, 'CP-1');
    assert.equal(c?.password.toString(), 'pa:ss');
  });
  it('returns null for anything else', () => {
    for (const h of [undefined, '', 'Bearer x', 'Basic', 'Basic !!!', basic('nocolon')]) assert.equal(readBasicAuth(h), null, String(h));
  });
});

describe('checkCredentials', () => {
  const basic = (u: string, p: string | Buffer) => `Basic ${Buffer.concat([Buffer.from(`${u}:`), Buffer.from(p)]).toString('base64')}`;
  const base: CredentialCheck = {
    stationId: 'CP-1',
    securityProfile: 1,
    passwordHash: 'HASH',
    secure: false,
    authorization: undefined,
    certificate: null,
    verifyPassword: async (pw) => pw.toString() === 'right-password-123',
  };

  it('lets profile 0 in without credentials', async () => {
    assert.equal(await checkCredentials({ ...base, securityProfile: 0, passwordHash: null }), null);
  });

  it('requires Basic auth with the station id as username for profile 1', async () => {
    assert.equal((await checkCredentials(base))?.reason, 'missing-credentials');
    assert.equal((await checkCredentials({ ...base, authorization: basic('OTHER', 'right-password-123') }))?.reason, 'wrong-username');
    assert.equal((await checkCredentials({ ...base, authorization: basic('CP-1', 'wrong') }))?.reason, 'wrong-password');
    assert.equal(await checkCredentials({ ...base, authorization: basic('CP-1', 'right-password-123') }), null);
  });

  it('accepts a 1.6 binary AuthorizationKey sent as bytes when its hex was registered', async () => {
    const key = Buffer.from('00ff10203040506070809a0b0c0d0e0f', 'hex');
    const check = { ...base, verifyPassword: async (pw: Buffer) => pw.toString() === key.toString('hex') };
    assert.equal(await checkCredentials({ ...check, authorization: basic('CP-1', key) }), null);
  });

  it('requires TLS for profile 2', async () => {
    const auth = basic('CP-1', 'right-password-123');
    assert.equal((await checkCredentials({ ...base, securityProfile: 2, authorization: auth }))?.reason, 'tls-required');
    assert.equal(await checkCredentials({ ...base, securityProfile: 2, secure: true, authorization: auth }), null);
  });

  it('requires a trusted client certificate naming the station for profile 3', async () => {
    const p3 = { ...base, securityProfile: 3 as const, passwordHash: null, secure: true };
    assert.equal((await checkCredentials({ ...p3, secure: false }))?.reason, 'tls-required');
    assert.equal((await checkCredentials(p3))?.reason, 'client-certificate-required');
    const untrusted = { authorized: false, commonName: 'CP-1', error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' };
    assert.equal((await checkCredentials({ ...p3, certificate: untrusted }))?.reason, 'client-certificate-invalid');
    const other = { authorized: true, commonName: 'CP-2', error: null };
    assert.equal((await checkCredentials({ ...p3, certificate: other }))?.reason, 'client-certificate-invalid');
    assert.equal(await checkCredentials({ ...p3, certificate: { authorized: true, commonName: 'CP-1', error: null } }), null);
  });
});
