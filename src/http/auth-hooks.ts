/**
 * Every /api/v1 route declares who may call it in its config (`auth`): 'public', 'any'
 * signed-in principal (the route then checks ownership), or a permission. A route that
 * declares nothing fails the start, so no endpoint is left open by omission.
 */
import type { FastifyRequest } from 'fastify';
import { type AuthService, can, type Permission, type Principal } from '../auth/index.ts';
import { AppError } from '../errors.ts';
import type { App } from './types.ts';

export type RouteAuth = 'public' | 'any' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Also accept the token as ?access_token= (EventSource cannot send headers). */
    tokenInQuery?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const queryToken = (req: FastifyRequest): string | null => {
  const t = (req.query as { access_token?: unknown } | undefined)?.access_token;
  return typeof t === 'string' && t.length > 0 ? t : null;
};

const bearer = (req: FastifyRequest): string | null => {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ?? null;
};

export function installAuth(app: App, auth: AuthService): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const needs = (route.config as { auth?: RouteAuth } | undefined)?.auth;
    if (route.url.startsWith('/api/v1/') && !needs) throw new Error(`Route ${route.method} ${route.url} declares no auth`);
  });
  app.addHook('onRequest', async (req) => {
    const needs = req.routeOptions.config.auth;
    if (!needs || needs === 'public') return;
    const token = bearer(req) ?? (req.routeOptions.config.tokenInQuery ? queryToken(req) : null);
    const principal = token ? await auth.authenticate(token) : null;
    if (!principal) throw new AppError('UNAUTHENTICATED');
    req.principal = principal;
    if (needs !== 'any' && !can(principal.role, needs)) {
      throw new AppError('FORBIDDEN', `Your role (${principal.role}) does not allow ${needs}.`);
    }
  });
}

/** The signed-in principal of a route that is not public. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED');
  return req.principal;
}

/** The bearer token of the current request (for logout). */
export const tokenOf = bearer;

/**
 * For routes open to drivers and operators ('any'): an operator needs `permission`; a driver
 * may act only where `ownerId` is their own id (pass null when the route scopes the query to
 * the driver itself). Returns the principal.
 */
export function requireOperatorOrOwner(req: FastifyRequest, permission: Permission, ownerId?: string | null): Principal {
  const p = principalOf(req);
  if (p.type === 'operator') {
    if (!can(p.role, permission)) throw new AppError('FORBIDDEN', `Your role (${p.role}) does not allow ${permission}.`);
    return p;
  }
  if (ownerId !== undefined && ownerId !== null && ownerId !== p.id) throw new AppError('FORBIDDEN', 'This belongs to another account.');
  return p;
}
