/**
 * The live route table: every route the server answers, with the auth it declares and its
 * schema, as Fastify registered it. Security tests (the authorisation matrix, the audit of
 * operator actions, input validation) read it, so a route added later is covered by them
 * without anyone remembering to list it.
 */
import type { FastifySchema } from 'fastify';
import type { RouteAuth } from './auth-hooks.ts';
import type { App } from './types.ts';

export interface RouteEntry {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

export function installRouteTable(app: App): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const auth = (route.config as { auth?: RouteAuth } | undefined)?.auth;
    // HEAD routes Fastify adds for each GET share the GET's options and hooks.
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, auth, schema: route.schema });
    }
  });
}

/** "METHOD /url", the key tests and the audit log name a route by. */
export const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
