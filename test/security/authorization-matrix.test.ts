/**
 * The authorisation matrix: every route of the live route table, called by every kind of
 * caller (anonymous, driver, viewer, operator, admin) with a real request. Anonymous callers
 * get 401 on every non-public route, a role without the route's permission 403, and a role
 * with it anything but 401/403. Then two drivers who each own data: everything one owns
 * (token, session, CDR, receipt, wallet, card, account) is 403/404 to the other, and no
 * answer to one carries the other's identifiers. A route without a rule or a fixture fails.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { can, permissions, roles } from '../../src/auth/index.ts';
import { type RouteEntry, routeKey } from '../../src/http/route-table.ts';
import { backends } from '../helpers/db.ts';
import { securityFixtures, type SecurityFixtures } from '../helpers/security-fixtures.ts';
import { call } from './call.ts';
import { allowed, anyRules, callers, grants, identifiersOf, pathOf } from './route-rules.ts';

// One database is enough here (the checks are of the HTTP layer): PostgreSQL when there is one, as in production.
const backend = (await backends()).at(-1);

/** Deletions after everything else (their targets are other routes' fixtures), signing out last. */
const order = (r: RouteEntry) => (routeKey(r) === 'POST /api/v1/auth/logout' ? 2 : r.method === 'DELETE' ? 1 : 0);

/** A body that fails validation, so an allowed call changes nothing; 'any' routes get a valid one (ownership is judged after validation). */
function bodyFor(r: RouteEntry, f: SecurityFixtures): unknown {
  const rule = anyRules[routeKey(r)];
  if (rule?.body) return rule.body(f, f.a);
  return r.schema?.body ? ['not', 'an', 'object'] : undefined;
}

describe(`authorisation matrix on ${backend}`, () => {
  let f: SecurityFixtures;
  before(async () => {
    f = await securityFixtures(backend!, { OCPP_CALL_TIMEOUT_SEC: '2' });
  });
  after(async () => f?.close());

  it('two drivers cannot reach each other\'s data through any route open to drivers', async () => {
    const driverRoutes = f.s.app.http.routeTable.filter((r) => r.auth === 'any');
    assert.ok(driverRoutes.length >= 30, `routes open to drivers: ${driverRoutes.length}`);
    const theirs = identifiersOf(f.b);
    for (const r of driverRoutes) {
      const rule = anyRules[routeKey(r)];
      assert.ok(rule, `${routeKey(r)} has a rule`);
      if (rule.driver === 'param' || rule.driver === 'body') {
        const path = rule.driver === 'param' ? pathOf(r.url, f, f.b) : pathOf(r.url, f, f.a);
        const body = rule.body?.(f, f.b) ?? (r.schema?.body ? {} : undefined);
        const res = await call(f, r.method, path, f.a.token, body);
        assert.ok([403, 404].includes(res.status), `${routeKey(r)} with driver B's data, as driver A: ${res.status} ${res.text}`);
      }
      if (r.method === 'GET') {
        const res = await call(f, 'GET', pathOf(r.url, f, f.a), f.a.token);
        assert.ok(res.status !== 401 && res.status !== 403, `${routeKey(r)} on driver A's own data: ${res.status} ${res.text}`);
        for (const id of theirs) assert.ok(!res.text.includes(id), `${routeKey(r)} shows driver A something of driver B's (${id})`);
      }
    }
    // And the other way round, for the data that matters most.
    for (const path of [`/api/v1/tokens/${f.a.uid}`, `/api/v1/sessions/${f.a.sessionId}`, `/api/v1/invoices/${f.a.invoiceId}`, `/api/v1/drivers/${f.a.id}`]) {
      assert.ok([403, 404].includes((await call(f, 'GET', path, f.b.token)).status), `driver B reads ${path}`);
    }
  });

  it('the roles hold exactly the permissions the product defines', () => {
    for (const role of roles) for (const p of permissions) assert.equal(can(role, p), grants(role, p), `${role} ${p}`);
  });

  it('a viewer cannot command: every stations:command route is 403', async () => {
    const commands = f.s.app.http.routeTable.filter((r) => r.auth === 'stations:command');
    assert.ok(commands.length >= 15, `command routes: ${commands.length}`);
    for (const r of commands) {
      const res = await call(f, r.method, pathOf(r.url, f, f.a), f.tokens.viewer, {});
      assert.equal(res.status, 403, `${routeKey(r)} as viewer`);
    }
  });

  it('every route answers every role as its declared permission says', async () => {
    const table = [...f.s.app.http.routeTable].sort((x, y) => order(x) - order(y));
    const tokens = f.tokens;
    const wrong: string[] = [];
    let cells = 0;
    for (const r of table) {
      for (const caller of callers) {
        const expected = allowed(r, caller);
        const token = caller === 'anonymous' ? null : tokens[caller];
        const res = await call(f, r.method, pathOf(r.url, f, f.a), token, bodyFor(r, f));
        cells++;
        const ok = expected ? res.status !== 401 && res.status !== 403 : res.status === (caller === 'anonymous' ? 401 : 403);
        if (!ok) wrong.push(`${routeKey(r)} as ${caller}: ${res.status} (expected ${expected ? 'allowed' : caller === 'anonymous' ? 401 : 403}) ${res.text.slice(0, 200)}`);
        // Signing out ended this token: sign in again for the calls after.
        if (routeKey(r) === 'POST /api/v1/auth/logout' && caller !== 'anonymous') tokens[caller] = await f.s.login(f.accounts[caller].email, f.accounts[caller].password);
      }
    }
    assert.deepEqual(wrong, []);
    assert.equal(cells, table.length * callers.length);
    process.stdout.write(`# authorisation matrix: ${table.length} endpoints x ${callers.length} roles = ${cells} requests\n`);
  });
});
