import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, redactConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 8080);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.dataDir, './data');
    assert.equal(c.database.url, undefined);
    assert.equal(c.tls, undefined);
    assert.equal(c.admin, undefined);
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.ocpp));
  });

  it('names every bad setting in one error', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' }),
      (err: Error) => err instanceof ConfigError && /PORT/.test(err.message) && /LOG_LEVEL/.test(err.message) && /DATABASE_URL/.test(err.message),
    );
  });

  it('reads the connection limits, and refuses nonsense naming the setting', () => {
    const d = loadConfig({}).connections;
    assert.deepEqual(d, { handshakeRatePerAddress: 1000, handshakeBurstPerAddress: 10_000, headersTimeoutMs: 10_000, maxHeaderBytes: 16_384, tlsHandshakeTimeoutMs: 10_000 });
    const c = loadConfig({ OCPP_HANDSHAKE_RATE_PER_ADDRESS: '0', OCPP_HANDSHAKE_BURST_PER_ADDRESS: '5000', HTTP_HEADERS_TIMEOUT_SEC: '3' }).connections;
    assert.equal(c.handshakeRatePerAddress, 0);
    assert.equal(c.handshakeBurstPerAddress, 5000);
    assert.equal(c.headersTimeoutMs, 3000);
    assert.throws(
      () => loadConfig({ OCPP_HANDSHAKE_BURST_PER_ADDRESS: '0', HTTP_MAX_HEADER_BYTES: '10', TLS_HANDSHAKE_TIMEOUT_SEC: '0' }),
      (err: Error) => /OCPP_HANDSHAKE_BURST_PER_ADDRESS/.test(err.message) && /HTTP_MAX_HEADER_BYTES/.test(err.message) && /TLS_HANDSHAKE_TIMEOUT_SEC/.test(err.message),
    );
  });

  it('reads how long each log is kept (0: for ever), and refuses a negative period naming it', () => {
    assert.deepEqual(loadConfig({}).retention, { messageLogDays: 30, auditLogDays: 730, authorizationLogDays: 90 });
    assert.deepEqual(loadConfig({ AUDIT_LOG_RETENTION_DAYS: '0', AUTHORIZATION_LOG_RETENTION_DAYS: '7' }).retention, { messageLogDays: 30, auditLogDays: 0, authorizationLogDays: 7 });
    assert.throws(() => loadConfig({ AUDIT_LOG_RETENTION_DAYS: '-1' }), (err: Error) => err instanceof ConfigError && /AUDIT_LOG_RETENTION_DAYS/.test(err.message));
  });

  it('requires admin email and password together, and never echoes a password', () => {
    assert.throws(() => loadConfig({ ADMIN_EMAIL: 'admin@example.com' }), /ADMIN_PASSWORD/);
    assert.throws(() => loadConfig({ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'short' }), (e: Error) => !e.message.includes('short'));
  });

  it('takes a Stripe publishable key only beside a secret key of the same mode', () => {
    const stripe = { STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' };
    assert.throws(() => loadConfig({ STRIPE_PUBLISHABLE_KEY: 'pk_test_x' }), /STRIPE_PUBLISHABLE_KEY: needs STRIPE_SECRET_KEY/);
    assert.throws(() => loadConfig({ ...stripe, STRIPE_PUBLISHABLE_KEY: 'pk_live_x' }), /STRIPE_PUBLISHABLE_KEY: must be of the same mode/);
    assert.throws(() => loadConfig({ ...stripe, STRIPE_PUBLISHABLE_KEY: 'sk_test_x' }), /STRIPE_PUBLISHABLE_KEY: must be a Stripe publishable key/);
    const c = loadConfig({ ...stripe, STRIPE_PUBLISHABLE_KEY: 'pk_test_x' });
    assert.deepEqual([c.billing.stripe?.publishableKey, c.billing.stripe?.testMode], ['pk_test_x', true]);
    assert.equal(loadConfig({ ...stripe, STRIPE_SECRET_KEY: 'sk_live_x' }).billing.stripe?.testMode, false);
  });

  it('requires TLS certificate and key together', () => {
    assert.throws(() => loadConfig({ TLS_CERT_FILE: 'c.pem' }), /TLS_KEY_FILE/);
    const c = loadConfig({ TLS_CERT_FILE: 'c.pem', TLS_KEY_FILE: 'k.pem', TLS_PORT: '9443' });
    assert.deepEqual({ ...c.tls }, { port: 9443, certFile: 'c.pem', keyFile: 'k.pem', caFile: undefined, minVersion: 'TLSv1.2' });
  });

  it('turns cluster mode on with REDIS_URL, only on PostgreSQL', () => {
    assert.equal(loadConfig({}).cluster, undefined);
    assert.throws(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }), /REDIS_URL: cluster mode \(REDIS_URL\) needs PostgreSQL \(DATABASE_URL\)/);
    const c = loadConfig({ REDIS_URL: 'redis://:pw@127.0.0.1:6379/2', DATABASE_URL: 'postgres://h/db', NODE_ID: 'eu-1' });
    assert.deepEqual({ ...c.cluster }, { redisUrl: 'redis://:pw@127.0.0.1:6379/2', prefix: 'straumur', leaseSec: 15 });
    assert.equal(c.nodeId, 'eu-1');
    assert.ok(!JSON.stringify(redactConfig(c)).includes(':pw@'));
    assert.throws(() => loadConfig({ REDIS_URL: 'http://x', DATABASE_URL: 'postgres://h/db' }), /REDIS_URL/);
    assert.throws(() => loadConfig({ NODE_ID: 'has space' }), /NODE_ID/);
  });

  it('redacts secrets', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:secret@h/db', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'password1' });
    const text = JSON.stringify(redactConfig(c));
    assert.ok(!text.includes('secret') && !text.includes('password1'));
  });

  it('reads the maintenance and alert settings, with FTP off unless a port is given', () => {
    const d = loadConfig({});
    assert.equal(d.maintenance.ftp, undefined);
    assert.deepEqual([d.alerts.offlineAfterMs, d.alerts.webhook, d.alerts.email], [600_000, undefined, undefined]);
    const c = loadConfig({
      FTP_PORT: '0',
      FTP_PASSIVE_PORTS: '30000-30009',
      ALERT_WEBHOOK_URL: 'https://hooks.example.com/x',
      ALERT_WEBHOOK_SECRET: 'whsec',
      SMTP_URL: 'smtp://u:mailpass@mail.example.com:587',
      ALERT_EMAIL_FROM: 'csms@example.com',
      ALERT_EMAIL_TO: 'a@example.com, b@example.com',
    });
    assert.deepEqual(c.maintenance.ftp, { port: 0, publicHost: undefined, passivePorts: { min: 30000, max: 30009 } });
    assert.deepEqual(c.alerts.email?.to, ['a@example.com', 'b@example.com']);
    const text = JSON.stringify(redactConfig(c));
    assert.ok(!text.includes('whsec') && !text.includes('mailpass'));
  });

  it('refuses incomplete or malformed alert and FTP settings, naming them', () => {
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com' }), /ALERT_EMAIL_TO/);
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://h', ALERT_EMAIL_FROM: 'a@example.com', ALERT_EMAIL_TO: 'nobody' }), /not email addresses: nobody/);
    assert.throws(() => loadConfig({ FTP_PASSIVE_PORTS: '2000-1000' }), /FTP_PASSIVE_PORTS/);
    assert.throws(() => loadConfig({ FTP_PORT: 'twenty-one' }), /FTP_PORT/);
    assert.throws(() => loadConfig({ SMTP_URL: 'http://u:pw@h' }), (e: Error) => /SMTP_URL/.test(e.message) && !e.message.includes('pw@'));
  });

  it('reads the operator\'s time zone and report settings, and refuses a zone that does not exist', () => {
    assert.deepEqual({ ...loadConfig({}).reports }, { timeZone: 'UTC', refreshSec: 60, maxLagSec: 5 });
    assert.equal(loadConfig({ TIME_ZONE: 'Europe/Berlin', REPORTS_MAX_LAG_SEC: '0' }).reports.timeZone, 'Europe/Berlin');
    assert.throws(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' }), /TIME_ZONE: must be an IANA time zone/);
  });

  it('reads the rate limits and which proxies to trust, and refuses a proxy setting it cannot read', () => {
    assert.deepEqual({ ...loadConfig({}).rateLimits }, { signInPerAddress: 30, signInPerAccount: 10, signInWindowSec: 900, registrationPerAddress: 10, registrationWindowSec: 3600 });
    assert.equal(loadConfig({ SIGN_IN_LIMIT_PER_ACCOUNT: '5' }).rateLimits.signInPerAccount, 5);
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, '10.0.0.0/8, 127.0.0.1');
    assert.throws(() => loadConfig({ TRUST_PROXY: 'everyone' }), /TRUST_PROXY: must be true, false/);
    assert.throws(() => loadConfig({ SIGN_IN_LIMIT_PER_ADDRESS: '0' }), /SIGN_IN_LIMIT_PER_ADDRESS/);
    assert.equal(loadConfig({ LOG_REQUESTS: 'true' }).logRequests, true);
  });
});
