/**
 * Every input is validated: each route of the live route table that takes path parameters,
 * a JSON body or a query declares a schema for it (or is listed here, with the reason it
 * takes none); every JSON body of the wrong shape, and a handful of wrong types, are refused
 * with 400 VALIDATION_FAILED and a sentence naming the field, before any handler runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RouteEntry, routeKey } from '../../src/http/route-table.ts';
import { startServer, type TestServer } from '../helpers/app.ts';
import { backends } from '../helpers/db.ts';

// One database is enough here (the checks are of the HTTP layer): PostgreSQL when there is one, as in production.
const backend = (await backends()).at(-1);

/** POST, PUT and PATCH routes without a JSON body schema, and why. */
const withoutJsonBody: Record<string, string> = {
  'POST /api/v1/auth/logout': 'takes no body',
  'POST /api/v1/tokens/import': 'text/csv, parsed and checked row by row, all or nothing',
  'POST /api/v1/stations/:id/commands/get-local-list-version': 'takes no body',
  'POST /api/v1/stations/:id/commands/clear-cache': 'takes no body',
  'POST /api/v1/sessions/:id/stop': 'takes no body',
  'POST /api/v1/invoices/:id/mark-paid': 'takes no body',
  'PUT /api/v1/billing/accounts/:id/tokens/:uid': 'takes no body',
  'POST /api/v1/billing/runs/:job': 'takes no body',
  'POST /api/v1/me/payment-methods/setup': 'takes no body',
  'POST /api/v1/reservations/:reservationId/cancel': 'takes no body',
  'POST /api/v1/firmware/campaigns/:id/:action': 'takes no body (a query)',
  'POST /api/v1/alerts/:id/acknowledge': 'takes no body',
  'POST /api/v1/reports/refresh': 'takes no body (a query)',
  'POST /api/v1/billing/stripe/webhook': "Stripe's raw body, accepted only with a valid signature",
  'PUT /uploads/:token': "a station's file, streamed; the token is the credential",
  'POST /uploads/:token': "a station's file, streamed; the token is the credential",
  'PUT /uploads/:token/:name': "a station's file, streamed; the token is the credential",
  'POST /uploads/:token/:name': "a station's file, streamed; the token is the credential",
  'POST /api/v1/firmware/images': 'multipart: the image streamed to storage, its fields checked against the querystring schema',
};

const paramsOf = (r: RouteEntry) => [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
const propertiesOf = (schema: unknown): Record<string, { type?: string; format?: string }> => {
  const s = schema as { properties?: Record<string, { type?: string }>; allOf?: unknown[] } | undefined;
  return { ...(s?.properties ?? {}), ...Object.assign({}, ...(s?.allOf ?? []).map(propertiesOf)) };
};
const sentence = /^[A-Z].*[.?]$/s;

describe(`input validation on ${backend}`, () => {
  let s: TestServer;
  before(async () => {
    s = await startServer(backend!);
  });
  after(async () => s?.close());
  const table = () => s.app.http.routeTable.filter((r) => !r.url.startsWith('/api/docs'));

  it('every route declares a schema for its path parameters and its JSON body', () => {
    const problems: string[] = [];
    for (const r of table()) {
      const declared = Object.keys(propertiesOf(r.schema?.params));
      for (const p of paramsOf(r)) if (!declared.includes(p)) problems.push(`${routeKey(r)}: no schema for :${p}`);
      const takesBody = ['POST', 'PUT', 'PATCH'].includes(r.method);
      if (takesBody && !r.schema?.body && !withoutJsonBody[routeKey(r)]) problems.push(`${routeKey(r)}: no body schema`);
      if (r.schema?.body && withoutJsonBody[routeKey(r)]) problems.push(`${routeKey(r)}: has a body schema now; take it off the list`);
    }
    assert.deepEqual(problems, []);
  });

  it('refuses a body of the wrong shape on every route that takes one, with a sentence', async () => {
    const routes = table().filter((r) => r.schema?.body);
    assert.ok(routes.length >= 50, `routes with a body: ${routes.length}`);
    for (const r of routes) {
      const path = r.url.replace(/:[A-Za-z]+/g, (m) => (propertiesOf(r.schema?.params)[m.slice(1)]?.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'X1'));
      const res = await s.api(r.method, path, ['not', 'an', 'object']);
      assert.equal(res.status, 400, `${routeKey(r)}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED', routeKey(r));
      assert.match(res.body.error.message, sentence, routeKey(r));
    }
  });

  it('refuses malformed ids and query values wherever a route types them', async () => {
    let checked = 0;
    for (const r of table().filter((x) => x.method === 'GET')) {
      const params = propertiesOf(r.schema?.params);
      const query = propertiesOf(r.schema?.querystring);
      const badParam = Object.entries(params).find(([, p]) => p.format === 'uuid' || p.type === 'integer');
      const badQuery = Object.entries(query).find(([, p]) => p.type === 'integer');
      if (!badParam && !badQuery) continue;
      let path = r.url.replace(/:([A-Za-z]+)/g, (_m, n: string) => (n === badParam?.[0] ? 'not%20an%20id' : params[n]?.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'X1'));
      if (!badParam && badQuery) path += `?${badQuery[0]}=many`;
      const res = await s.api('GET', path);
      assert.equal(res.status, 400, `${routeKey(r)} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      assert.match(res.body.error.message, sentence, routeKey(r));
      if (badParam) assert.match(res.body.error.message, new RegExp(`'${badParam[0]}'`), `${routeKey(r)} names the field`);
      checked++;
    }
    assert.ok(checked >= 25, `routes checked: ${checked}`);
  });

  it('names the field and the problem for wrong types in a few real bodies', async () => {
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['POST', '/api/v1/stations', { id: 42 }, /^Invalid body field 'id': must be string\.$/],
      ['POST', '/api/v1/operators', { email: 'x@example.test', password: 12345678, role: 'admin' }, /'password'/],
      ['POST', '/api/v1/operators', { email: 'x@example.test', password: 'long-enough-1', role: 'root' }, /'role'/],
      ['POST', '/api/v1/auth/login', { email: ['a'], password: {} }, /'email'/],
      ['POST', '/api/v1/sites', { name: 'A', latitude: 'north' }, /'latitude'/],
      ['POST', '/api/v1/tokens', { uid: 'AB12', expiresAt: 'tomorrow' }, /'expiresAt'/],
      ['POST', '/api/v1/drivers', { email: 'not-an-email' }, /'email'/],
      ['POST', '/api/v1/operators', { email: 'y@example.test', password: 'long-enough-1', role: 'viewer', isRoot: true }, /must NOT have additional properties/],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await s.api(method, path, body);
      assert.equal(res.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.match(res.body.error.message, message);
      assert.match(res.body.error.message, sentence);
    }
  });

  it('refuses unreadable JSON and oversized bodies with the same error shape', async () => {
    const bad = await fetch(`${s.baseUrl}/api/v1/stations`, { method: 'POST', headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' }, body: '{"id": ' });
    const badBody = (await bad.json()) as { error: { code: string } };
    assert.equal(bad.status, 400);
    assert.equal(badBody.error.code, 'VALIDATION_FAILED');
    const big = await fetch(`${s.baseUrl}/api/v1/stations`, { method: 'POST', headers: { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x'.repeat(2 * 1024 * 1024) }) });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, 'TOO_LARGE');
  });
});
