/**
 * Rate limits on sign-in and registration (per address, failed sign-ins per account; shared
 * through Redis by the nodes of a cluster), and the security headers: a CSP for the
 * same-origin console, nosniff, no referrer, no framing, HSTS over TLS only, and the Swagger
 * UI still served with its own policy.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { ADMIN, startServer, type TestServer } from '../helpers/app.ts';
import { createCa, tlsEnv } from '../helpers/certs.ts';
import { backends, freshDatabase } from '../helpers/db.ts';

// One database is enough here (the checks are of the HTTP layer): PostgreSQL when there is one, as in production.
const backend = (await backends()).at(-1);
const strict = { SIGN_IN_LIMIT_PER_ADDRESS: '20', SIGN_IN_LIMIT_PER_ACCOUNT: '3', REGISTRATION_LIMIT_PER_ADDRESS: '2' };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
redis.on('error', () => {});
const redisUp = await redis.connect().then(() => redis.quit().then(() => true), () => false);
const postgresUp = (await backends()).includes('postgres');
if (process.env.CI === 'true' && !redisUp) throw new Error(`Redis at ${REDIS_URL} is required under CI`);

const signIn = (s: TestServer, email: string, password: string) => s.api('POST', '/api/v1/auth/login', { email, password }, null);

function assertRefused(res: { status: number; body: any; headers: Headers }, what: RegExp) {
  assert.equal(res.status, 429);
  assert.equal(res.body.error.code, 'RATE_LIMITED');
  assert.match(res.body.error.message, what);
  assert.match(res.body.error.message, /; try again in \d+ \w+\.$/);
  assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After');
}

describe('rate limits', () => {
  it('are strict by default', () => {
    const c = loadConfig({});
    assert.ok(c.rateLimits.signInPerAccount <= 10 && c.rateLimits.signInPerAddress <= 30 && c.rateLimits.registrationPerAddress <= 10);
    assert.ok(c.rateLimits.signInWindowSec >= 900 && c.rateLimits.registrationWindowSec >= 3600);
  });

  describe(`on one node (${backend})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend!, { env: strict });
    });
    after(async () => s?.close());

    it('refuses an account after its failed sign-ins, even with the right password, and not other accounts', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await signIn(s, ADMIN.email, `wrong-${i}`)).status, 401);
      assertRefused(await signIn(s, ADMIN.email, ADMIN.password), /failed sign-ins for this account/);
      assertRefused(await signIn(s, ADMIN.email.toUpperCase(), ADMIN.password), /this account/);
      assert.equal((await signIn(s, 'someone.else@example.test', 'whatever-1')).status, 401, 'another account is not limited');
    });

    it('counts attempts sent at once one by one: none slips under the account limit', async () => {
      const all = await Promise.all(Array.from({ length: 6 }, (_, i) => signIn(s, 'burst@example.test', `wrong-${i}`)));
      assert.deepEqual(all.map((r) => r.status).sort(), [401, 401, 401, 429, 429, 429]);
    });

    it('refuses an address after too many attempts, whatever the account', async () => {
      // startServer signed in once and the tests above made 12 attempts: 7 more are allowed (20 in all).
      for (let i = 0; i < 7; i++) assert.equal((await signIn(s, `other${i}@example.test`, 'whatever-1')).status, 401);
      assertRefused(await signIn(s, 'one.more@example.test', 'whatever-1'), /sign-in attempts from this address/);
    });

    it('refuses registrations from an address after the limit', async () => {
      for (let i = 0; i < 2; i++) assert.equal((await s.api('POST', '/api/v1/auth/register', { email: `r${i}@example.test`, password: 'driver-password-1' }, null)).status, 201);
      assertRefused(await s.api('POST', '/api/v1/auth/register', { email: 'r9@example.test', password: 'driver-password-1' }, null), /registrations from this address/);
    });
  });

  describe('in a cluster, counted once for all nodes (Redis)', { skip: !redisUp || !postgresUp }, () => {
    const nodes: TestServer[] = [];
    let drop: () => Promise<void>;
    before(async () => {
      const db = await freshDatabase('postgres');
      drop = () => db.drop();
      const prefix = `straumur-rl-${randomBytes(4).toString('hex')}`;
      for (const name of ['rl-a', 'rl-b']) {
        const database = await openDatabase({ url: db.url!, poolSize: 3 });
        nodes.push(await startServer('postgres', { db: { database, url: db.url, drop: () => database.close() }, env: { ...strict, REDIS_URL, REDIS_PREFIX: prefix, NODE_ID: name, DATABASE_URL: db.url! } }));
      }
    });
    after(async () => {
      for (const n of nodes) await n.close();
      await drop?.();
    });

    it('failed sign-ins on one node count on the other', async () => {
      const [a, b] = nodes as [TestServer, TestServer];
      for (let i = 0; i < 2; i++) assert.equal((await signIn(a, ADMIN.email, `wrong-${i}`)).status, 401);
      assert.equal((await signIn(b, ADMIN.email, 'wrong-2')).status, 401);
      assertRefused(await signIn(b, ADMIN.email, ADMIN.password), /this account/);
      assertRefused(await signIn(a, ADMIN.email, ADMIN.password), /this account/);
    });
  });
});

describe(`security headers (${backend})`, () => {
  let s: TestServer;
  let tlsPort: number;
  let caCert: string;
  before(async () => {
    const ca = await createCa();
    caCert = ca.cert;
    s = await startServer(backend!, { env: await tlsEnv(ca, await ca.issue('localhost', 'server')) });
    tlsPort = s.app.tlsPort!;
  });
  after(async () => s?.close());

  it('sends a CSP for the same-origin console, nosniff, no referrer and no framing; no HSTS over plain HTTP', async () => {
    for (const path of ['/health', '/api/v1/stations', '/no-such-page']) {
      const res = await fetch(`${s.baseUrl}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "connect-src 'self'", "frame-ancestors 'none'"]) {
        assert.ok(csp.split(';').includes(d), `${path}: CSP has ${d}: ${csp}`);
      }
      assert.ok(!/unsafe-eval/.test(csp) && !/script-src[^;]*unsafe-inline/.test(csp), 'no inline or eval scripts');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('strict-transport-security'), null, 'HSTS only over TLS');
    }
  });

  it('sends HSTS over TLS', async () => {
    const hsts = await new Promise<string | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port: tlsPort, path: '/health', ca: caCert, servername: 'localhost' }, (res) => {
        res.resume();
        resolve(res.headers['strict-transport-security'] as string | undefined);
      })
        .on('error', reject)
        .end();
    });
    assert.match(hsts ?? '', /^max-age=31536000; includeSubDomains$/);
  });

  it('keeps the Swagger UI working under its own policy', async () => {
    const page = await fetch(`${s.baseUrl}/api/docs/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/, 'the docs work over plain HTTP');
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(scripts.length > 0);
    for (const src of scripts) assert.equal((await fetch(new URL(src, `${s.baseUrl}/api/docs/`))).status, 200, src);
    assert.equal((await fetch(`${s.baseUrl}/api/openapi.json`)).status, 200);
  });
});
