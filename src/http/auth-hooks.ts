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
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

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
    const token = bearer(req);
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
