/**
 * Serves the built web app (web/dist, built by `npm run build:web`, which `npm install` runs)
 * at `/`. Any GET that is not a file and not under /api, /ocpp or /health gets index.html, so
 * the single-page app's own routes (/stations/CP-1) survive a reload. The API's paths never
 * fall through to the app: an unknown /api path is the API's 404, not a page.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from './types.ts';

export const defaultWebRoot = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const NOT_BUILT =
  'The web console is not built. Run `npm run build:web` (npm install runs it too), then reload this page. The REST API is at /api/v1 and its documentation at /api/docs.\n';

/** Paths the app never answers: they belong to the API, the OCPP gateway and the health check. */
const reserved = /^\/(api|ocpp|health)(\/|$|\?)/;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (!file.startsWith(root) || file.includes('\0')) return null;
  const s = await stat(file).catch(() => null);
  return s?.isFile() ? file : null;
}

export interface ConsoleSettings {
  /** The operator's time zone (TIME_ZONE): the console shows times and days in it. */
  timeZone: string;
  /** The operator's currency (BILLING_CURRENCY). */
  currency: string;
  version: string;
}

export function webConsoleRoutes(app: App, { root = defaultWebRoot, settings }: { root?: string; settings: ConsoleSettings }): void {
  app.get('/api/v1/console/settings', {
    config: { auth: 'public' },
    schema: {
      tags: ['console'],
      summary: "The operator's time zone and currency, for the web console's formats",
      security: [],
      response: { 200: Type.Object({ timeZone: Type.String(), currency: Type.String(), version: Type.String() }) },
    },
    handler: async () => settings,
  });

  const base = path.resolve(root) + path.sep;
  const notFound = (req: FastifyRequest, reply: FastifyReply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}.` } });

  app.get('/*', {
    config: { auth: 'public' },
    schema: { hide: true },
    handler: async (req, reply) => {
      const urlPath = req.url.split('?')[0] ?? '/';
      if (reserved.test(urlPath)) return notFound(req, reply);
      const file = urlPath === '/' ? null : await fileIn(base, urlPath);
      if (file) {
        const ext = path.extname(file);
        // Vite names built assets by their content hash: they never change under that name.
        reply.header('cache-control', urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply.type(types[ext] ?? 'application/octet-stream').send(await readFile(file));
      }
      // A missing asset is a 404, not the page (a stale tab asking for an old bundle).
      // Only known file types count: a station id may well contain a dot (/stations/CP.1).
      if (urlPath.startsWith('/assets/') || types[path.extname(urlPath)]) return notFound(req, reply);
      const index = await readFile(path.join(base, 'index.html')).catch(() => null);
      if (!index) return reply.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      return reply.header('cache-control', 'no-cache').type(types['.html'] as string).send(index);
    },
  });
}
