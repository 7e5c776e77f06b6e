/**
 * The audit log of operator actions: every state-changing route of the live route table,
 * called by an operator, writes a row (who, when, route, target, status, a summary of the
 * body without secrets), whatever the answer; sign-ins, failed ones too; a viewer's refused
 * attempt; and GET /api/v1/audit/actions filters and pages them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAudited } from '../../src/audit/index.ts';
import { routeKey } from '../../src/http/route-table.ts';
import { ADMIN, eventually, startServer, type TestServer } from '../helpers/app.ts';
import { backends } from '../helpers/db.ts';

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PARAM = 'AUDIT-TARGET-1';

interface Row {
  id: number;
  actor: string;
  actorEmail: string | null;
  action: string;
  target: string | null;
  status: number;
  outcome: string;
  summary: unknown;
}

for (const backend of await backends()) {
  describe(`audit log on ${backend}`, () => {
    let s: TestServer;
    let adminId: string;
    const rows = async (query = '', token = s.adminToken): Promise<Row[]> => (await s.api('GET', `/api/v1/audit/actions?limit=1000${query}`, undefined, token)).body.items;
    before(async () => {
      s = await startServer(backend);
      adminId = (await s.api('GET', '/api/v1/auth/me')).body.id;
    });
    after(async () => s?.close());

    it('every state-changing route an operator calls writes a row, whatever the answer', async () => {
      const routes = s.app.http.routeTable.filter((r) => r.url.startsWith('/api/v1/') && mutating.has(r.method) && r.auth !== 'public');
      assert.ok(routes.length >= 70, `state-changing routes: ${routes.length}`);
      // Signing out ends the token: last, with a token of its own.
      const ordered = [...routes].sort((x, y) => Number(routeKey(x) === 'POST /api/v1/auth/logout') - Number(routeKey(y) === 'POST /api/v1/auth/logout'));
      const answered = new Map<string, number>();
      for (const r of ordered) {
        const token = routeKey(r) === 'POST /api/v1/auth/logout' ? await s.login(ADMIN.email, ADMIN.password) : s.adminToken;
        const path = r.url.replace(/:[A-Za-z]+/g, PARAM);
        const res = await s.api(r.method, path, r.schema?.body ? { note: 'audited', password: 'never-in-the-log-1' } : undefined, token);
        answered.set(routeKey(r), res.status);
        assert.ok(isAudited(r.method, r.url, 'operator'), routeKey(r));
      }
      // Rows are written after the answer: wait for every route's, not for a count (the sign-in before the logout is a row too).
      const audited = async () => rows(`&actor=operator:${adminId}`);
      const log = await eventually(async () => {
        const got = await audited();
        return [...answered.keys()].every((key) => got.some((x) => x.action === key)) && got;
      }, 15_000, 'a row per route').catch(audited);
      const missing: string[] = [];
      for (const [key, status] of answered) {
        const row = log.find((x) => x.action === key);
        if (!row) missing.push(key);
        else {
          assert.equal(row.status, status, key);
          assert.equal(row.outcome, status < 400 ? 'ok' : status < 500 ? 'refused' : 'failed', key);
          if (key.includes(':')) assert.match(row.target ?? '', new RegExp(PARAM), key);
          assert.equal(row.actorEmail, ADMIN.email);
        }
      }
      assert.deepEqual(missing, []);
      assert.ok(!JSON.stringify(log).includes('never-in-the-log-1'), 'no password in the audit log');
    });

    it('records sign-ins, failed ones (with the email tried), and operator and role changes with the password redacted', async () => {
      const email = 'audited.operator@example.test';
      const password = 'first-password-123';
      const made = await s.api('POST', '/api/v1/operators', { email, password, role: 'viewer' });
      assert.equal(made.status, 201);
      const token = await s.login(email, password);
      assert.equal((await s.api('POST', '/api/v1/auth/login', { email, password: 'wrong-password-9' }, null)).status, 401);
      assert.equal((await s.api('PATCH', `/api/v1/operators/${made.body.id}`, { role: 'operator', password: 'second-password-456' })).status, 200);

      const signIns = await eventually(async () => {
        const got = await rows(`&action=${encodeURIComponent('POST /api/v1/auth/login')}`);
        return got.filter((r) => r.actorEmail === email).length >= 2 && got.filter((r) => r.actorEmail === email);
      }, 10_000, 'the sign-ins');
      const [failed, good] = signIns;
      assert.deepEqual([failed!.actor, failed!.status, failed!.outcome], ['anonymous', 401, 'refused']);
      assert.deepEqual([good!.actor, good!.status, good!.outcome], [`operator:${made.body.id}`, 200, 'ok']);
      assert.deepEqual(good!.summary, { email, password: '[redacted]' });

      const change = await eventually(async () => (await rows(`&target=${made.body.id}&action=${encodeURIComponent('PATCH /api/v1/operators/:id')}`))[0], 10_000, 'the role change');
      assert.deepEqual(change.summary, { role: 'operator', password: '[redacted]' });
      const all = JSON.stringify(await rows());
      for (const secret of [password, 'wrong-password-9', 'second-password-456', token, s.adminToken]) assert.ok(!all.includes(secret), 'no secret in the audit log');
    });

    it('records a refused attempt by a viewer, and not what drivers do for themselves', async () => {
      await s.api('POST', '/api/v1/operators', { email: 'audited.viewer@example.test', password: 'viewer-password-1', role: 'viewer' });
      const viewer = await s.login('audited.viewer@example.test', 'viewer-password-1');
      assert.equal((await s.api('DELETE', '/api/v1/stations/CP-NOT-YOURS', undefined, viewer)).status, 403);
      const row = await eventually(async () => (await rows('&target=CP-NOT-YOURS'))[0], 10_000, 'the refused attempt');
      assert.deepEqual([row.action, row.status, row.outcome, row.actorEmail], ['DELETE /api/v1/stations/:id', 403, 'refused', 'audited.viewer@example.test']);

      const reg = await s.api('POST', '/api/v1/auth/register', { email: 'audited.driver@example.test', password: 'driver-password-1' }, null);
      assert.equal((await s.api('PATCH', '/api/v1/me', { name: 'Not audited' }, reg.body.token)).status, 200);
      await s.api('GET', '/api/v1/stations'); // a read: not audited
      assert.equal((await rows(`&actor=driver:${reg.body.driver.id}`)).length, 0);
      assert.equal((await rows(`&action=${encodeURIComponent('GET /api/v1/stations')}`)).length, 0);
    });

    it('pages by id, filters by outcome, and is for audit:read holders only', async () => {
      const first = await s.api('GET', '/api/v1/audit/actions?limit=3');
      assert.equal(first.body.items.length, 3);
      const next = await s.api('GET', `/api/v1/audit/actions?limit=3&beforeId=${first.body.items[2].id}`);
      assert.ok(next.body.items.every((r: Row) => r.id < first.body.items[2].id));
      assert.ok((await rows('&outcome=refused')).every((r) => r.outcome === 'refused'));
      const reg = await s.api('POST', '/api/v1/auth/register', { email: 'nosy.driver@example.test', password: 'driver-password-1' }, null);
      assert.equal((await s.api('GET', '/api/v1/audit/actions', undefined, reg.body.token)).status, 403);
      assert.equal((await s.api('GET', '/api/v1/audit/actions?outcome=maybe')).status, 400);
    });
  });
}
