/**
 * The HTTP side: Fastify with TypeBox schemas, the OpenAPI document at /api/openapi.json and
 * its browsable page at /api/docs, the error body, and the auth hooks. Capabilities register
 * their routes on the returned instance (app.ts).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import { Type } from 'typebox';
import type { AuthService } from '../auth/index.ts';
import type { Logger } from '../log.ts';
import { installAuth } from './auth-hooks.ts';
import { errorHandler } from './error-handler.ts';
import { ErrorBody } from './schemas.ts';
import type { App } from './types.ts';

export interface HttpOptions {
  log: Logger;
  auth: AuthService;
  apiDocs: boolean;
  version: string;
  /** Whether /health may say "ready" (set once everything has started). */
  ready: () => boolean;
}

export async function createHttpServer(opts: HttpOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.log.child({ component: 'http' }),
    // Per-request lines would drown the OCPP log at scale; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Bodies are validated as sent (no coercion, no silent removal): a typo is a clear 400.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.setErrorHandler(errorHandler);
  // CSV uploads (token import) arrive as text.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}.` } }),
  );
  app.addSchema(ErrorBody);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Straumur API',
        version: opts.version,
        description: 'The REST API of Straumur, an OCPP 1.6 / 2.0.1 / 2.1 charging station management system.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
    },
    // Shared schemas keep their $id as their name in the document.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  if (opts.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installAuth(app, opts.auth);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/health', {
    schema: {
      tags: ['health'],
      summary: 'Ready to serve',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }), 503: Type.Object({ status: Type.String() }) },
    },
    handler: async (_req, reply) =>
      opts.ready() ? { status: 'ok' as const, version: opts.version } : reply.status(503).send({ status: 'starting' }),
  });

  return app;
}
