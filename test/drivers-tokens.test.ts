/** Drivers and their tokens: registration, profiles, ownership, blocking, CSV import. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation } from './helpers/scripted-station.ts';

for (const backend of await backends()) {
  describe(`drivers and tokens on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    it('a driver registers, signs in, edits the profile, and adds a card', async () => {
      const reg = await s.api('POST', '/api/v1/auth/register', { email: 'Ada@Example.test', password: 'lovelace-1843', name: 'Ada' }, null);
      assert.equal(reg.status, 201);
      assert.equal(reg.body.driver.email, 'Ada@Example.test');
      assert.ok(!('passwordHash' in reg.body.driver));
      assert.equal((await s.api('POST', '/api/v1/auth/register', { email: 'ada@example.test', password: 'another-one-1' }, null)).status, 409);
      const token = await s.login('ada@example.test', 'lovelace-1843');
      const me = await s.api('GET', '/api/v1/me', undefined, token);
      assert.deepEqual([me.body.name, me.body.status], ['Ada', 'active']);
      const patched = await s.api('PATCH', '/api/v1/me', { phone: '+354 555 0101' }, token);
      assert.equal(patched.body.phone, '+354 555 0101');
      assert.equal((await s.api('PATCH', '/api/v1/me', { status: 'active' }, token)).status, 400, 'a driver cannot change their own status');
      const card = await s.api('POST', '/api/v1/tokens', { uid: '04a1b2c3d4', label: 'My card', driverId: '00000000-0000-0000-0000-000000000000' }, token);
      assert.equal(card.status, 201);
      assert.deepEqual([card.body.uid, card.body.driverId], ['04A1B2C3D4', me.body.id], 'stored upper-case, owned by the driver whatever the body says');
      assert.equal((await s.api('POST', '/api/v1/tokens', { uid: '04A1B2C3D4' })).status, 409, 'one card, whatever the case');
      assert.equal((await s.api('GET', '/api/v1/tokens/04a1b2c3d4', undefined, token)).status, 200);
    });

    it('a driver sees and manages only their own tokens', async () => {
      const a = await s.api('POST', '/api/v1/auth/register', { email: 'a@example.test', password: 'password-a-1' }, null);
      const b = await s.api('POST', '/api/v1/auth/register', { email: 'b@example.test', password: 'password-b-1' }, null);
      await s.api('POST', '/api/v1/tokens', { uid: 'AA01' }, a.body.token);
      await s.api('POST', '/api/v1/tokens', { uid: 'BB01' }, b.body.token);
      const listA = await s.api('GET', '/api/v1/tokens', undefined, a.body.token);
      assert.deepEqual(
        listA.body.items.map((x: { uid: string }) => x.uid),
        ['AA01'],
      );
      assert.equal((await s.api('GET', '/api/v1/tokens/BB01', undefined, a.body.token)).status, 403);
      assert.equal((await s.api('PATCH', '/api/v1/tokens/BB01', { status: 'Blocked' }, a.body.token)).status, 403);
      assert.equal((await s.api('DELETE', '/api/v1/tokens/BB01', undefined, a.body.token)).status, 403);
      // a driver may block their own lost card, but not unblock it or change anything else
      assert.equal((await s.api('PATCH', '/api/v1/tokens/AA01', { status: 'Blocked' }, a.body.token)).status, 200);
      assert.equal((await s.api('PATCH', '/api/v1/tokens/AA01', { status: 'Accepted' }, a.body.token)).status, 403);
      assert.equal((await s.api('PATCH', '/api/v1/tokens/AA01', { expiresAt: '2099-01-01T00:00:00Z' }, a.body.token)).status, 403);
      // and reaches no operator endpoint
      assert.equal((await s.api('GET', '/api/v1/drivers', undefined, a.body.token)).status, 403);
      assert.equal((await s.api('GET', `/api/v1/drivers/${b.body.driver.id}`, undefined, a.body.token)).status, 403);
      assert.equal((await s.api('GET', '/api/v1/stations', undefined, a.body.token)).status, 403);
      assert.equal((await s.api('POST', '/api/v1/tokens/import', undefined, a.body.token)).status, 403);
    });

    it('an operator creates a driver, and blocking the driver refuses every token of theirs and their sign-in', async () => {
      const created = await s.api('POST', '/api/v1/drivers', { email: 'fleet@example.test', name: 'Fleet Driver', password: 'fleet-password-1' });
      assert.equal(created.status, 201);
      assert.ok(created.body.id);
      await s.api('POST', '/api/v1/tokens', { uid: 'F1EE7001', driverId: created.body.id });
      const driverToken = await s.login('fleet@example.test', 'fleet-password-1');
      await s.api('POST', '/api/v1/stations', { id: 'BLK-1' });
      const st = await ScriptedStation.connect(s.ocppUrl, 'BLK-1', '1.6');
      assert.equal(await st.authorize('f1ee7001'), 'Accepted');
      const blocked = await s.api('PATCH', `/api/v1/drivers/${created.body.id}`, { status: 'blocked', blockedReason: 'unpaid invoices' });
      assert.deepEqual([blocked.body.status, blocked.body.blockedReason], ['blocked', 'unpaid invoices']);
      assert.equal(await st.authorize('F1EE7001'), 'Blocked');
      assert.equal((await s.api('GET', '/api/v1/me', undefined, driverToken)).status, 401, 'their sessions end');
      const login = await s.api('POST', '/api/v1/auth/login', { email: 'fleet@example.test', password: 'fleet-password-1' }, null);
      assert.equal(login.status, 401);
      await s.api('PATCH', `/api/v1/drivers/${created.body.id}`, { status: 'active' });
      assert.equal(await st.authorize('F1EE7001'), 'Accepted');
      await st.close();
    });

    it('imports tokens from CSV, all or nothing', async () => {
      await s.api('POST', '/api/v1/drivers', { email: 'csv@example.test' });
      const post = (body: string) =>
        fetch(`${s.baseUrl}/api/v1/tokens/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${s.adminToken}` }, body });
      const bad = await post('uid,type,driverEmail\nC0FFEE01,,csv@example.test\nnot-hex,ISO14443,\nC0FFEE02,,nobody@example.test\n');
      assert.equal(bad.status, 400);
      const problems = ((await bad.json()) as { error: { details: { problems: Array<{ line: number }> } } }).error.details.problems;
      assert.deepEqual(
        problems.map((p) => p.line),
        [3, 4],
      );
      assert.equal((await s.api('GET', '/api/v1/tokens/C0FFEE01')).status, 404, 'nothing was imported');

      const good = await post('uid,type,status,expiresAt,driverEmail,label\nc0ffee01,ISO14443,,,csv@example.test,Card 1\nAPP-CSV-1,Central,Blocked,2030-01-01T00:00:00Z,,\n');
      assert.equal(good.status, 200);
      assert.deepEqual(await good.json(), { created: 2, updated: 0 });
      const again = await post('uid,status\nC0FFEE01,Blocked\n');
      assert.deepEqual(await again.json(), { created: 0, updated: 1 });
      const t1 = (await s.api('GET', '/api/v1/tokens/c0ffee01')).body;
      assert.deepEqual([t1.uid, t1.status], ['C0FFEE01', 'Blocked']);
      assert.equal((await s.api('GET', '/api/v1/tokens/APP-CSV-1')).body.expiresAt, '2030-01-01T00:00:00.000Z');
      assert.equal((await s.api('POST', '/api/v1/tokens/import', { not: 'csv' })).status, 400);
    });

    it('refuses invalid tokens with a sentence', async () => {
      for (const [body, re] of [
        [{ uid: 'xyz', type: 'ISO14443' }, /hexadecimal/],
        [{ uid: 'A1', type: 'Magic' }, /type/],
        [{ uid: 'A'.repeat(37) }, /uid/],
      ] as const) {
        const r = await s.api('POST', '/api/v1/tokens', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.match(r.body.error.message, re);
      }
    });
  });
}
