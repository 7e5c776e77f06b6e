import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretSetting, REDACTED, redactSecrets } from './redact.ts';

describe('redactSecrets', () => {
  it('replaces values of secret-named keys, at any depth', () => {
    assert.deepEqual(redactSecrets({ email: 'a@b.c', password: 'p', nested: [{ webhookSecret: 's', token: 't', apiKey: 'k' }], currentPassword: 'c' }), {
      email: 'a@b.c',
      password: REDACTED,
      nested: [{ webhookSecret: REDACTED, token: REDACTED, apiKey: REDACTED }],
      currentPassword: REDACTED,
    });
  });

  it('hides what a settings write sets when the setting is a credential, in every shape', () => {
    assert.deepEqual(redactSecrets({ settings: [{ component: 'SecurityCtrlr', variable: 'BasicAuthPassword', value: 'x' }, { variable: 'HeartbeatInterval', value: '60' }] }), {
      settings: [{ component: 'SecurityCtrlr', variable: 'BasicAuthPassword', value: REDACTED }, { variable: 'HeartbeatInterval', value: '60' }],
    });
    assert.deepEqual(redactSecrets({ key: 'AuthorizationKey', value: 'x' }), { key: 'AuthorizationKey', value: REDACTED });
    assert.deepEqual(redactSecrets({ setting: { variable: 'BasicAuthPassword' }, value: 'x' }), { setting: { variable: 'BasicAuthPassword' }, value: REDACTED });
    assert.deepEqual(redactSecrets({ setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'x' }] }), {
      setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: REDACTED }],
    });
    assert.ok(isSecretSetting('AuthorizationKey') && isSecretSetting('BasicAuthPassword') && !isSecretSetting('HeartbeatInterval'));
  });

  it('keeps OCPP fields that only sound like secrets', () => {
    const list = { listVersion: 2, localAuthorizationList: [{ idToken: { idToken: 'AB12', type: 'ISO14443' }, idTokenInfo: { status: 'Accepted' } }], idTag: 'AB12', tokenUid: 'AB12' };
    assert.deepEqual(redactSecrets(list), list);
  });

  it('cuts long strings and arrays only in a summary', () => {
    const long = { text: 'x'.repeat(600), items: Array.from({ length: 60 }, (_, i) => i) };
    assert.deepEqual(redactSecrets(long), long);
    const short = redactSecrets(long, { summarise: true }) as { text: string; items: unknown[] };
    assert.equal(short.text.length, 501);
    assert.equal(short.items.length, 51);
  });
});
