/** The REST API's contract: health, sign-in, bearer tokens, roles, stations CRUD, OpenAPI. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, startServer, type TestServer } from './helpers/app.ts';
import { backends } from './helpers/db.ts';

for (const backend of await backends()) {
  describe(`REST API on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    it('GET /health answers 200 once ready', async () => {
      const r = await s.api('GET', '/health', undefined, null);
      assert.equal(r.status, 200);
      assert.equal(r.body.status, 'ok');
    });

    it('signs in with email and password, and refuses wrong ones the same way', async () => {
      const ok = await s.api('POST', '/api/v1/auth/login', { email: ADMIN.email.toUpperCase(), password: ADMIN.password }, null);
      assert.equal(ok.status, 200);
      assert.match(ok.body.token, /^[A-Za-z0-9_-]{40,}$/);
      const wrong = await s.api('POST', '/api/v1/auth/login', { email: ADMIN.email, password: 'nope' }, null);
      const unknown = await s.api('POST', '/api/v1/auth/login', { email: 'who@example.test', password: 'nope' }, null);
      assert.equal(wrong.status, 401);
      assert.deepEqual(wrong.body, unknown.body);
      const me = await s.api('GET', '/api/v1/auth/me', undefined, ok.body.token);
      assert.deepEqual([me.body.email, me.body.role, me.body.type], [ADMIN.email, 'admin', 'operator']);
    });

    it('answers 401 on /api/v1 without a valid bearer token', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/stations'],
        ['POST', '/api/v1/stations'],
        ['GET', '/api/v1/stations/X'],
        ['GET', '/api/v1/operators'],
        ['GET', '/api/v1/connection-attempts'],
        ['GET', '/api/v1/stations/X/messages'],
      ] as const) {
        assert.equal((await s.api(method, path, undefined, null)).status, 401, `${method} ${path}`);
        assert.equal((await s.api(method, path, undefined, 'forged-token-forged-token-forged')).status, 401, `${method} ${path} forged`);
      }
    });

    it('ends a token at logout', async () => {
      const token = await s.login(ADMIN.email, ADMIN.password);
      assert.equal((await s.api('POST', '/api/v1/auth/logout', undefined, token)).status, 204);
      assert.equal((await s.api('GET', '/api/v1/stations', undefined, token)).status, 401);
    });

    it('registers, reads, lists, changes and removes stations', async () => {
      const created = await s.api('POST', '/api/v1/stations', { id: 'CP-1', password: 'a-long-station-password' });
      assert.equal(created.status, 201);
      assert.equal(created.body.id, 'CP-1');
      assert.equal(created.body.hasPassword, true);
      assert.equal(created.body.securityProfile, 1);
      assert.ok(!JSON.stringify(created.body).includes('a-long-station-password'));
      assert.ok(!('passwordHash' in created.body));
      const got = await s.api('GET', '/api/v1/stations/CP-1');
      for (const k of ['id', 'connected', 'ocppVersion', 'vendor', 'model', 'firmwareVersion', 'lastSeenAt', 'connectors']) assert.ok(k in got.body, k);
      assert.deepEqual([got.body.connected, got.body.ocppVersion, got.body.connectors], [false, '1.6', []]);
      assert.equal((await s.api('POST', '/api/v1/stations', { id: 'CP-1' })).status, 409);
      await s.api('POST', '/api/v1/stations', { id: 'CP-2', name: 'Harbour charger' });
      const list = await s.api('GET', '/api/v1/stations?q=harbour');
      assert.deepEqual(
        list.body.items.map((x: { id: string }) => x.id),
        ['CP-2'],
      );
      const patched = await s.api('PATCH', '/api/v1/stations/CP-2', { name: 'Quay charger', ocppVersion: '2.0.1' });
      assert.deepEqual([patched.body.name, patched.body.ocppVersion], ['Quay charger', '2.0.1']);
      assert.equal((await s.api('DELETE', '/api/v1/stations/CP-2')).status, 204);
      assert.equal((await s.api('GET', '/api/v1/stations/CP-2')).status, 404);
      assert.equal((await s.api('DELETE', '/api/v1/stations/CP-2')).status, 404);
    });

    it('answers bad input with 400 and a sentence', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{ id: 'has space' }, /id/],
        [{ id: 'X', colour: 'red' }, /colour|additional/i],
        [{ id: 'X', password: 'short' }, /password/],
        [{ id: 'X', securityProfile: 2 }, /password/],
        [{ id: 'X', ocppVersion: '1.5' }, /ocppVersion/],
        [{}, /id/],
      ];
      for (const [body, message] of cases) {
        const r = await s.api('POST', '/api/v1/stations', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.error.code, 'VALIDATION_FAILED');
        assert.match(r.body.error.message, message);
      }
      const notJson = await fetch(`${s.baseUrl}/api/v1/stations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` },
        body: '{"id": ',
      });
      assert.equal(notJson.status, 400);
      assert.equal((await s.api('GET', '/api/v1/stations?limit=0')).status, 400);
      assert.equal((await s.api('GET', '/api/v1/nothing-here')).status, 404);
    });

    it('enforces roles: viewers read, operators run stations, admins manage operators', async () => {
      const mk = async (role: string) => {
        const email = `${role}-${Date.now()}@example.test`;
        const r = await s.api('POST', '/api/v1/operators', { email, password: 'password-123', role });
        assert.equal(r.status, 201);
        return { id: r.body.id as string, token: await s.login(email, 'password-123') };
      };
      const viewer = await mk('viewer');
      const operator = await mk('operator');
      assert.equal((await s.api('GET', '/api/v1/stations', undefined, viewer.token)).status, 200);
      assert.equal((await s.api('POST', '/api/v1/stations', { id: 'V-1' }, viewer.token)).status, 403);
      assert.equal((await s.api('GET', '/api/v1/operators', undefined, viewer.token)).status, 403);
      assert.equal((await s.api('POST', '/api/v1/stations', { id: 'O-1' }, operator.token)).status, 201);
      assert.equal((await s.api('GET', '/api/v1/operators', undefined, operator.token)).status, 403);
      // Blocking an operator ends their sessions.
      assert.equal((await s.api('PATCH', `/api/v1/operators/${operator.id}`, { disabled: true })).status, 200);
      assert.equal((await s.api('GET', '/api/v1/stations', undefined, operator.token)).status, 401);
    });

    it('never leaves the network without an active admin', async () => {
      const me = (await s.api('GET', '/api/v1/auth/me')).body;
      assert.equal((await s.api('PATCH', `/api/v1/operators/${me.id}`, { role: 'viewer' })).status, 409);
      assert.equal((await s.api('DELETE', `/api/v1/operators/${me.id}`)).status, 409);
    });

    it('publishes an OpenAPI document and a browsable page', async () => {
      const doc = await s.api('GET', '/api/openapi.json', undefined, null);
      assert.equal(doc.status, 200);
      assert.equal(doc.body.openapi, '3.1.0');
      for (const p of ['/api/v1/stations', '/api/v1/stations/{id}', '/api/v1/auth/login', '/api/v1/operators']) assert.ok(doc.body.paths[p], p);
      assert.ok(doc.body.paths['/api/v1/stations'].post.requestBody);
      const page = await fetch(`${s.baseUrl}/api/docs/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /swagger/i);
    });
  });
}
