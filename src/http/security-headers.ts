/**
 * Security headers on every answer (@fastify/helmet): a Content-Security-Policy for the
 * same-origin single-page app served at / (Vite builds it to files: no inline scripts, no
 * eval; React's style attributes need inline styles), no framing, nosniff, no referrer, and
 * HSTS only on answers that went over TLS (our own listener, or a trusted proxy that says so):
 * sent over plain HTTP it would mean nothing, and on a host reached by IP it would do harm.
 * The Swagger UI at /api/docs sets its own, looser policy (its bundled scripts are hashed).
 */
import helmet from '@fastify/helmet';
import type { App } from './types.ts';

export const appCsp = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

export async function installSecurityHeaders(app: App): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: appCsp },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Stations and other origins download firmware and post uploads: no browser isolation needed there,
    // and the API is same-origin for the console.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}

/** The Swagger UI's policy: its own hashed scripts and styles, without upgrade-insecure-requests (it may be served over HTTP). */
export const docsCsp = (header: string) => header.replace(/\s*upgrade-insecure-requests;?/, '').replace("frame-ancestors 'self'", "frame-ancestors 'none'");
