/**
 * A server populated for the security tests: an account of every role, and two drivers who
 * each own real data (an RFID token, a finished session, a receipt, a wallet, a saved card,
 * a billing account), so a test can ask whether one reaches the other's. Every secret used
 * to build it is kept in `secrets`, so a test can look for them where they must not be.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Role } from '../../src/auth/index.ts';
import { createLogger } from '../../src/log.ts';
import { ADMIN, eventually, startServer, type TestServer } from './app.ts';
import { pricedStation, sessionId, uniq } from './billing.ts';
import type { Backend } from './db.ts';
import { onCall } from './charge-point.ts';
import { ScriptedStation, t } from './scripted-station.ts';
import { StripeStandIn } from './stripe-stand-in.ts';

export interface OwnedData {
  id: string;
  email: string;
  password: string;
  /** The bearer token of this driver. */
  token: string;
  /** Their RFID token's uid. */
  uid: string;
  sessionId: string;
  invoiceId: string;
  accountId: string;
  paymentMethodId: string;
}

export interface SecurityFixtures {
  s: TestServer;
  stripe: StripeStandIn;
  /** Every JSON log line the server wrote. */
  logLines: string[];
  /** A bearer token per role (the driver's is driver A's). */
  tokens: Record<Role, string>;
  /** The email and password of each role's account. */
  accounts: Record<Role, { email: string; password: string }>;
  a: OwnedData;
  b: OwnedData;
  stationId: string;
  /** The station, connected with its password (HTTP Basic), booted. */
  station: ScriptedStation;
  /** The password the station connects with (HTTP Basic). */
  stationPassword: string;
  siteId: string;
  tariffId: string;
  /** An operator account the tests may change and delete. */
  spareOperatorId: string;
  /** Every secret created on the way: passwords, bearer tokens, the station password. */
  secrets: Record<string, string>;
  close(): Promise<void>;
}

const wallet = { currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: '0.50', vat: 0, step_size: 1 }] }] };

export async function securityFixtures(backend: Backend, env: Record<string, string> = {}): Promise<SecurityFixtures> {
  const stripe = await new StripeStandIn().start();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const s = await startServer(backend, { env: { ...stripe.env(), LOG_LEVEL: 'debug', LOG_REQUESTS: 'true', ...env }, log: createLogger('debug', sink) });
  const secrets: Record<string, string> = { adminPassword: ADMIN.password, adminToken: s.adminToken, stripeSecretKey: stripe.secretKey, stripeWebhookSecret: stripe.webhookSecret };

  const tokens = { admin: s.adminToken } as Record<Role, string>;
  const accounts = { admin: ADMIN } as Record<Role, { email: string; password: string }>;
  for (const role of ['operator', 'viewer'] as const) {
    const email = `${uniq(role).toLowerCase()}@example.test`;
    const password = `${role}-pw-${uniq('x')}`;
    const made = await s.api('POST', '/api/v1/operators', { email, password, role, name: `The ${role}` });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    tokens[role] = await s.login(email, password);
    accounts[role] = { email, password };
    secrets[`${role}Password`] = password;
    secrets[`${role}Token`] = tokens[role];
  }
  const sparePassword = `spare-pw-${uniq('x')}`;
  const spare = await s.api('POST', '/api/v1/operators', { email: `${uniq('spare').toLowerCase()}@example.test`, password: sparePassword, role: 'viewer' });
  assert.equal(spare.status, 201);
  secrets.sparePassword = sparePassword;

  const site = await s.api('POST', '/api/v1/sites', { name: 'Security site', timeZone: 'Atlantic/Reykjavik' });
  assert.equal(site.status, 201, JSON.stringify(site.body));
  const { st, stopAt, tariffId } = await pricedStation(s, '2.0.1', wallet);
  await st.close();
  const stationPassword = `stpw-${uniq('p')}`.padEnd(24, 'z');
  assert.equal((await s.api('PATCH', `/api/v1/stations/${st.id}`, { password: stationPassword, securityProfile: 1, siteId: site.body.id })).status, 200);
  secrets.stationPassword = stationPassword;

  const station = await ScriptedStation.connect(s.ocppUrl, st.id, '2.0.1', stationPassword);
  await station.boot();
  onCall(station.client, 'CostUpdated', () => ({}));

  async function driver(label: string, minute: number): Promise<OwnedData> {
    const email = `${uniq(label).toLowerCase()}@example.test`;
    const password = `${label}-pw-${uniq('x')}`;
    const reg = await s.api('POST', '/api/v1/auth/register', { email, password, name: `Driver ${label}` }, null);
    assert.equal(reg.status, 201);
    const token = reg.body.token as string;
    const uid = uniq('RFID');
    assert.equal((await s.api('POST', '/api/v1/tokens', { uid, type: 'Central' }, token)).status, 201);
    const me = await s.api('PATCH', '/api/v1/me/billing', { paymentMode: 'wallet' }, token);
    assert.equal(me.status, 200);
    assert.equal((await s.api('POST', `/api/v1/billing/accounts/${me.body.id}/wallet`, { amount: '20.00', reference: `cash-${uid}` })).status, 200);
    const card = await s.api('POST', '/api/v1/me/payment-methods', { paymentMethodId: 'pm_card_visa' }, token);
    assert.equal(card.status, 201, JSON.stringify(card.body));

    const { txId } = await station.start(uid, { meterWh: 0, at: t(minute), type: 'Central' });
    stopAt.wh = 2000;
    await station.stop(txId, { at: t(minute + 10), wh: 2000 });
    const sid = await sessionId(s, st.id, txId);
    const receipt = await eventually(async () => (await s.api('GET', '/api/v1/invoices?kind=receipt', undefined, token)).body.items[0], 15_000, `the receipt of ${label}`);
    secrets[`${label}Password`] = password;
    secrets[`${label}Token`] = token;
    return { id: reg.body.driver.id, email, password, token, uid, sessionId: sid, invoiceId: receipt.id, accountId: me.body.id, paymentMethodId: card.body.id };
  }
  const a = await driver('a', 0);
  const b = await driver('b', 30);
  tokens.driver = a.token;
  accounts.driver = { email: a.email, password: a.password };

  return {
    s,
    stripe,
    logLines,
    tokens,
    accounts,
    a,
    b,
    stationId: st.id,
    station,
    stationPassword,
    siteId: site.body.id,
    tariffId,
    spareOperatorId: spare.body.id,
    secrets,
    async close() {
      await station.close();
      await s.close();
      await stripe.close();
    },
  };
}
