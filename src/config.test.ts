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

  it('requires admin email and password together, and never echoes a password', () => {
    assert.throws(() => loadConfig({ ADMIN_EMAIL: 'admin@example.com' }), /ADMIN_PASSWORD/);
    assert.throws(() => loadConfig({ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'short' }), (e: Error) => !e.message.includes('short'));
  });

  it('requires TLS certificate and key together', () => {
    assert.throws(() => loadConfig({ TLS_CERT_FILE: 'c.pem' }), /TLS_KEY_FILE/);
    const c = loadConfig({ TLS_CERT_FILE: 'c.pem', TLS_KEY_FILE: 'k.pem', TLS_PORT: '9443' });
    assert.deepEqual({ ...c.tls }, { port: 9443, certFile: 'c.pem', keyFile: 'k.pem', caFile: undefined, minVersion: 'TLSv1.2' });
  });

  it('redacts secrets', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:secret@h/db', ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'password1' });
    const text = JSON.stringify(redactConfig(c));
    assert.ok(!text.includes('secret') && !text.includes('password1'));
  });

  it('reads the operator\'s time zone and report settings, and refuses a zone that does not exist', () => {
    assert.deepEqual({ ...loadConfig({}).reports }, { timeZone: 'UTC', refreshSec: 60, maxLagSec: 5 });
    assert.equal(loadConfig({ TIME_ZONE: 'Europe/Berlin', REPORTS_MAX_LAG_SEC: '0' }).reports.timeZone, 'Europe/Berlin');
    assert.throws(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' }), /TIME_ZONE: must be an IANA time zone/);
  });
});
