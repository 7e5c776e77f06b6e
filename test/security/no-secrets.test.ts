/**
 * No secret in logs or API output. A scenario through the real server with every log line
 * captured (debug level, request logging on): operators and drivers created with passwords
 * and signing in, a failed sign-in, password changes, a station registered with a password
 * and connecting with HTTP Basic auth, RFID tokens, cards saved through the Stripe stand-in,
 * sessions billed, the event stream opened with ?access_token=. Then none of those secrets may
 * appear in any log line or any answer, except the answers that hand a secret to its owner,
 * listed below.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectStation, onCall } from '../helpers/charge-point.ts';
import { backends } from '../helpers/db.ts';
import { securityFixtures, type SecurityFixtures } from '../helpers/security-fixtures.ts';

// One database is enough here (the checks are of the HTTP layer): PostgreSQL when there is one, as in production.
const backend = (await backends()).at(-1);

/** The only answers allowed to carry a secret: to its owner, once. */
const handsOverASecret = [
  /^POST \/api\/v1\/auth\/login$/, // the new bearer token
  /^POST \/api\/v1\/auth\/register$/, // the new driver's bearer token
  /^POST \/api\/v1\/me\/payment-methods\/setup$/, // the SetupIntent's client secret, for Stripe.js in the driver's browser
];

interface Seen {
  what: string;
  text: string;
}

describe(`no secret in logs or API output (${backend})`, () => {
  let f: SecurityFixtures;
  const answers: Seen[] = [];
  const realFetch = globalThis.fetch;
  before(async () => {
    // Every answer the server gives in this file (fixtures included) is kept to be searched.
    globalThis.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      if (url.pathname.startsWith('/api/') && !res.headers.get('content-type')?.startsWith('text/event-stream')) {
        answers.push({ what: `${init?.method ?? 'GET'} ${url.pathname}`, text: await res.clone().text() });
      }
      return res;
    };
    f = await securityFixtures(backend!);
  });
  after(async () => {
    globalThis.fetch = realFetch;
    await f?.close();
  });

  it('keeps every password, token and key out of the logs and out of every answer but its owner\'s', async () => {
    const { s, secrets } = f;
    // More secrets on the way: a wrong password tried, passwords changed, a card setup's client secret.
    secrets.wrongPassword = 'wrong-password-for-the-log';
    assert.equal((await s.api('POST', '/api/v1/auth/login', { email: f.accounts.operator.email, password: secrets.wrongPassword }, null)).status, 401);
    secrets.newDriverPassword = 'new-driver-password-42';
    assert.equal((await s.api('PATCH', '/api/v1/me', { password: secrets.newDriverPassword }, f.b.token)).status, 200);
    secrets.newSparePassword = 'new-spare-password-42';
    assert.equal((await s.api('PATCH', `/api/v1/operators/${f.spareOperatorId}`, { password: secrets.newSparePassword })).status, 200);
    const setup = await s.api('POST', '/api/v1/me/payment-methods/setup', undefined, f.a.token);
    assert.equal(setup.status, 200);
    const clientSecret = (setup.body as { clientSecret?: string }).clientSecret;
    if (clientSecret) secrets.setupClientSecret = clientSecret;
    // A station that gets its password wrong, and the right one.
    await assert.rejects(connectStation({ endpoint: s.ocppUrl, identity: f.stationId, version: '2.0.1', password: 'wrong-station-password-1' }));
    secrets.wrongStationPassword = 'wrong-station-password-1';
    // A new station password sent to the station (2.x SetVariables of BasicAuthPassword), which accepts it.
    onCall<{ setVariableData: Array<{ component: unknown; variable: unknown }> }>(f.station.client, 'SetVariables', (p) => ({
      setVariableResult: p.setVariableData.map((d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable })),
    }));
    secrets.newStationPassword = 'next-station-password-0042';
    const set = await s.api('POST', `/api/v1/stations/${f.stationId}/commands/set-configuration`, { settings: [{ component: 'SecurityCtrlr', variable: 'BasicAuthPassword', value: secrets.newStationPassword }] });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    // The event stream, with the token in the query as browsers' EventSource sends it.
    const stream = await fetch(`${s.baseUrl}/api/v1/events?access_token=${encodeURIComponent(f.a.token)}`);
    assert.equal(stream.status, 200);
    await stream.body?.cancel();
    // Reads an operator and a driver make, where a careless view would show a secret.
    for (const [path, token] of [
      ['/api/v1/operators', s.adminToken],
      [`/api/v1/operators/${f.spareOperatorId}`, s.adminToken],
      ['/api/v1/stations', s.adminToken],
      [`/api/v1/stations/${f.stationId}`, s.adminToken],
      [`/api/v1/stations/${f.stationId}/messages`, s.adminToken],
      [`/api/v1/stations/${f.stationId}/device-model`, s.adminToken],
      ['/api/v1/connection-attempts', s.adminToken],
      ['/api/v1/drivers', s.adminToken],
      [`/api/v1/drivers/${f.a.id}`, s.adminToken],
      ['/api/v1/audit', s.adminToken],
      ['/api/v1/audit/actions?limit=1000', s.adminToken],
      ['/api/v1/billing/accounts', s.adminToken],
      ['/api/v1/billing/payments', s.adminToken],
      ['/api/v1/me', f.a.token],
      ['/api/v1/me/payment-methods', f.a.token],
      ['/api/v1/me/billing', f.a.token],
      ['/api/v1/auth/me', f.a.token],
    ] as const) {
      assert.equal((await s.api('GET', path, undefined, token)).status, 200, path);
    }
    await new Promise((r) => setTimeout(r, 300)); // the audit rows and log lines of the last answers

    const values = Object.entries(secrets).filter(([, v]) => v && v.length >= 8);
    assert.ok(values.length >= 15, `secrets followed: ${values.length}`);
    const leaks: string[] = [];
    for (const line of f.logLines) for (const [name, v] of values) if (line.includes(v)) leaks.push(`log line has ${name}: ${line.slice(0, 300)}`);
    const checked = answers.filter((a) => !handsOverASecret.some((re) => re.test(a.what)));
    for (const a of checked) for (const [name, v] of values) if (a.text.includes(v)) leaks.push(`${a.what} answers ${name}`);
    assert.deepEqual(leaks, []);
    assert.ok(checked.length >= 30 && f.logLines.length >= 80, `answers ${checked.length}, log lines ${f.logLines.length}`);

    // The request log saw the stream, with its token replaced.
    const streamLine = f.logLines.find((l) => l.includes('/api/v1/events?access_token='));
    assert.ok(streamLine?.includes('access_token=[redacted]'), streamLine);
    // And the sign-in answers that do hand a token over gave it to its owner only.
    assert.ok(answers.some((a) => a.what === 'POST /api/v1/auth/login' && a.text.includes(f.tokens.operator)));
  });
});
