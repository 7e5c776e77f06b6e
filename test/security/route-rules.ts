/**
 * What each route of the live route table should answer to whom: the expectations the
 * authorisation matrix, the ownership test and the audit test check. A route declared with a
 * permission needs nothing here; 'any' routes (open to every signed-in principal, checking
 * ownership in the handler) and routes outside /api/v1 must be listed, and path parameters
 * must have a fixture, or the tests fail: a new route cannot slip past them unjudged.
 */
import type { Permission, Role } from '../../src/auth/index.ts';
import type { RouteEntry } from '../../src/http/route-table.ts';
import { uniq } from '../helpers/billing.ts';
import type { OwnedData, SecurityFixtures } from '../helpers/security-fixtures.ts';

export type Caller = Role | 'anonymous';
export const callers: Caller[] = ['anonymous', 'driver', 'viewer', 'operator', 'admin'];

/**
 * An 'any' route: which operators may use it (a permission, every operator, or none: a
 * driver's own page), and how a driver reaches data through it: `param` (the path names a
 * resource that must be theirs), `body` (the body names one), `self` (it serves the caller's
 * own data only) or `shared` (the same for every signed-in user, such as tariffs).
 */
export interface AnyRule {
  operators: Permission | 'all' | 'none';
  driver: 'param' | 'body' | 'self' | 'shared';
  /** A valid body, for the owner's data (ownership is judged after validation). */
  body?: (f: SecurityFixtures, owner: OwnedData) => unknown;
}

export const anyRules: Record<string, AnyRule> = {
  'POST /api/v1/auth/logout': { operators: 'all', driver: 'self' },
  'GET /api/v1/auth/me': { operators: 'all', driver: 'self' },
  'GET /api/v1/drivers/:id': { operators: 'drivers:read', driver: 'param' },
  'GET /api/v1/me': { operators: 'none', driver: 'self' },
  'PATCH /api/v1/me': { operators: 'none', driver: 'self', body: () => ({ phone: '+354 555 0000' }) },
  'GET /api/v1/tokens': { operators: 'tokens:read', driver: 'self' },
  'POST /api/v1/tokens': { operators: 'tokens:write', driver: 'self', body: () => ({ uid: uniq('NEW'), type: 'ISO14443' }) },
  'GET /api/v1/tokens/:uid': { operators: 'tokens:read', driver: 'param' },
  'PATCH /api/v1/tokens/:uid': { operators: 'tokens:write', driver: 'param', body: () => ({ label: 'relabelled' }) },
  'DELETE /api/v1/tokens/:uid': { operators: 'tokens:write', driver: 'param' },
  'GET /api/v1/sessions': { operators: 'sessions:read', driver: 'self' },
  'GET /api/v1/sessions/:id': { operators: 'sessions:read', driver: 'param' },
  'GET /api/v1/sessions/:id/samples': { operators: 'sessions:read', driver: 'param' },
  'POST /api/v1/sessions/:id/stop': { operators: 'stations:command', driver: 'param' },
  'POST /api/v1/stations/:id/remote-start': { operators: 'stations:command', driver: 'body', body: (_f, o) => ({ tokenUid: o.uid }) },
  'GET /api/v1/events': { operators: 'all', driver: 'self' },
  'GET /api/v1/tariffs': { operators: 'all', driver: 'shared' },
  'GET /api/v1/tariffs/:id': { operators: 'all', driver: 'shared' },
  'GET /api/v1/stations/:id/tariff': { operators: 'all', driver: 'shared' },
  'GET /api/v1/plans': { operators: 'all', driver: 'shared' },
  // Availability for the portal's QR link: statuses and the caller's own session, never who else charges.
  'GET /api/v1/stations/:id/overview': { operators: 'all', driver: 'shared' },
  'GET /api/v1/sessions/:id/cdr': { operators: 'billing:read', driver: 'param' },
  'GET /api/v1/invoices': { operators: 'billing:read', driver: 'self' },
  'GET /api/v1/invoices/:id': { operators: 'billing:read', driver: 'param' },
  'GET /api/v1/invoices/:id/pdf': { operators: 'billing:read', driver: 'param' },
  'GET /api/v1/me/billing': { operators: 'none', driver: 'self' },
  'PATCH /api/v1/me/billing': { operators: 'none', driver: 'self', body: () => ({ paymentMode: 'wallet' }) },
  'GET /api/v1/me/wallet': { operators: 'none', driver: 'self' },
  'POST /api/v1/me/wallet/top-ups': { operators: 'none', driver: 'self', body: () => ({ amount: '1.00' }) },
  'GET /api/v1/me/payments': { operators: 'none', driver: 'self' },
  'GET /api/v1/me/payment-methods': { operators: 'none', driver: 'self' },
  'POST /api/v1/me/payment-methods/setup': { operators: 'none', driver: 'self' },
  'POST /api/v1/me/payment-methods': { operators: 'none', driver: 'self', body: () => ({ paymentMethodId: 'pm_card_visa' }) },
  'DELETE /api/v1/me/payment-methods/:pm': { operators: 'none', driver: 'param' },
  'GET /api/v1/me/subscription': { operators: 'none', driver: 'self' },
  'POST /api/v1/me/subscription': { operators: 'none', driver: 'self', body: () => ({ planId: '00000000-0000-4000-8000-000000000000' }) },
  'DELETE /api/v1/me/subscription': { operators: 'none', driver: 'self' },
};

/** The only /api/v1 routes open to anonymous callers. */
export const publicRoutes = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/register',
  'POST /api/v1/billing/stripe/webhook',
  // The console's time zone and currency, needed to draw the sign-in page.
  'GET /api/v1/console/settings',
]);

/** Routes that take a body to compute an answer and change nothing, so a read permission is enough. */
export const readOnlyPosts = new Set(['POST /api/v1/tariffs/preview']);

/** Routes outside /api/v1 declare no auth: each is open on purpose, for this reason. */
export const openOutsideApi: Array<[RegExp, string]> = [
  [/^\/health$/, 'the load balancer probe'],
  [/^\/api\/openapi\.json$/, 'the API description (no data)'],
  [/^\/api\/docs(\/|$)/, 'the Swagger UI (static files)'],
  [/^\/uploads\/:token/, 'station log uploads: the one-time token in the path is the credential'],
  [/^\/firmware\/:token\/:name$/, 'firmware downloads for stations: the token in the path is the credential'],
  [/^\/\*$/, 'the console and portal (static files; their data comes from /api/v1)'],
];

/**
 * What each operator role may do, written out here rather than read from
 * src/auth/permissions.ts, so a change there that widens a role fails the matrix.
 */
export function grants(role: Role, p: Permission): boolean {
  if (role === 'admin') return true;
  if (role === 'operator') return p !== 'operators:manage';
  if (role === 'viewer') return p.endsWith(':read');
  return false;
}

/** Whether `caller` may use the route (a 'public' route: everyone). */
export function allowed(route: RouteEntry, caller: Caller): boolean {
  const auth = route.auth;
  if (!route.url.startsWith('/api/v1/')) {
    if (!openOutsideApi.some(([re]) => re.test(route.url))) throw new Error(`${route.method} ${route.url} is outside /api/v1 and not listed as open on purpose`);
    return true;
  }
  if (auth === 'public') {
    if (!publicRoutes.has(`${route.method} ${route.url}`)) throw new Error(`${route.method} ${route.url} is public and not listed in publicRoutes`);
    return true;
  }
  if (caller === 'anonymous') return false;
  if (route.method !== 'GET' && auth?.endsWith(':read') && !readOnlyPosts.has(`${route.method} ${route.url}`)) throw new Error(`${route.method} ${route.url} changes state with only ${auth}`);
  if (auth === 'any') {
    const rule = anyRules[`${route.method} ${route.url}`];
    if (!rule) throw new Error(`${route.method} ${route.url} is open to any principal and has no rule in test/security/route-rules.ts`);
    if (caller === 'driver') return true;
    return rule.operators === 'all' || (rule.operators !== 'none' && grants(caller, rule.operators));
  }
  if (!auth) throw new Error(`${route.method} ${route.url} declares no auth`);
  return grants(caller, auth);
}

/** A value for each path parameter: real fixtures where ownership or existence matters. */
export function pathOf(url: string, f: SecurityFixtures, owner: OwnedData): string {
  const fill = (name: string): string => {
    const rules: Array<[RegExp, string, string]> = [
      [/^\/api\/v1\/stations\/:id/, 'id', f.stationId],
      [/^\/api\/v1\/stations\/:id\/ocpp\/:action$/, 'action', 'ClearCache'],
      [/^\/api\/v1\/sites\/:id/, 'id', f.siteId],
      [/^\/api\/v1\/operators\/:id/, 'id', f.spareOperatorId],
      [/^\/api\/v1\/drivers\/:id/, 'id', owner.id],
      [/^\/api\/v1\/tokens\/:uid/, 'uid', owner.uid],
      [/^\/api\/v1\/sessions\/:id/, 'id', owner.sessionId],
      [/^\/api\/v1\/invoices\/:id/, 'id', owner.invoiceId],
      [/^\/api\/v1\/tariffs\/:id/, 'id', f.tariffId],
      [/^\/api\/v1\/token-groups\/:id/, 'id', 'FLEET-1'],
      [/^\/api\/v1\/billing\/accounts\/:id/, 'id', owner.accountId],
      [/^\/api\/v1\/billing\/accounts\/:id\/tokens\/:uid/, 'uid', owner.uid],
      [/^\/api\/v1\/billing\/payments\/:id/, 'id', '00000000-0000-4000-8000-000000000001'],
      [/^\/api\/v1\/plans\/:id/, 'id', '00000000-0000-4000-8000-000000000002'],
      [/^\/api\/v1\/billing\/runs\/:job$/, 'job', 'retries'],
      [/^\/api\/v1\/me\/payment-methods\/:pm$/, 'pm', owner.paymentMethodId],
      [/^\/api\/v1\/reservations\/:reservationId/, 'reservationId', '999999'],
      [/^\/api\/v1\/log-uploads\/:id/, 'id', '00000000-0000-4000-8000-000000000003'],
      [/^\/api\/v1\/firmware\/images\/:id/, 'id', '00000000-0000-4000-8000-000000000004'],
      [/^\/api\/v1\/firmware\/campaigns\/:id/, 'id', '00000000-0000-4000-8000-000000000005'],
      [/^\/api\/v1\/firmware\/campaigns\/:id\/:action$/, 'action', 'pause'],
      [/^\/api\/v1\/alerts\/:id/, 'id', '999999'],
      [/^\/api\/v1\/uptime-exclusions\/:id/, 'id', '999999'],
      [/^\/uploads\/:token/, 'token', 'not-a-real-upload-token'],
      [/^\/uploads\/:token\/:name/, 'name', 'log.zip'],
      [/^\/firmware\/:token\/:name$/, 'token', 'not-a-real-download-token'],
      [/^\/firmware\/:token\/:name$/, 'name', 'image.bin'],
    ];
    const hit = rules.filter(([re, param]) => param === name && re.test(url)).at(-1);
    if (!hit) throw new Error(`no fixture for :${name} in ${url}: add one to pathOf in test/security/route-rules.ts`);
    return encodeURIComponent(hit[2]);
  };
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => fill(name)).replace(/\*$/, 'index.html');
}

/** What the ids of a driver's data look like in a response, to find them where they do not belong. */
export const identifiersOf = (o: OwnedData) => [o.id, o.email, o.uid, o.sessionId, o.invoiceId, o.accountId, o.paymentMethodId];
