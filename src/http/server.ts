/**
 * The HTTP side: Fastify with TypeBox schemas, the OpenAPI document at /api/openapi.json and
 * its browsable page at /api/docs, the error body, and the auth hooks. Capabilities register
 * their routes on the returned instance (app.ts).
 */
import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import { Type } from 'typebox';
import type { Redis } from 'ioredis';
import type { AuthService } from '../auth/index.ts';
import type { Logger } from '../log.ts';
import { installAuth } from './auth-hooks.ts';
import { type ConnectionLimits, serverOptions, watchClientErrors } from './limits.ts';
import { errorHandler } from './error-handler.ts';
import { installRateLimits, type RateLimitSettings } from './rate-limits.ts';
import { installRouteTable } from './route-table.ts';
import { docsCsp, installSecurityHeaders } from './security-headers.ts';
import { ErrorBody } from './schemas.ts';
import type { App } from './types.ts';

export interface HttpOptions {
  log: Logger;
  auth: AuthService;
  apiDocs: boolean;
  version: string;
  /** Whether everything has started (or the process is stopping). */
  state: () => 'starting' | 'ready' | 'stopping';
  /** Whether the database answers now. */
  databaseUp: () => Promise<boolean>;
  logRequests: boolean;
  rateLimits: RateLimitSettings;
  /** Cluster mode: rate-limit counts shared through Redis. */
  rateLimitStore?: { redis: Redis; prefix: string } | undefined;
  trustProxy: boolean | number | string;
  limits: ConnectionLimits;
}

const ajvCompilers = AjvCompiler();

/** Fastify's Ajv compiler, twice: coercing for query strings and paths, strict for bodies. */
// Its types describe the compiler as (schema) => validate; Fastify calls it with the route definition.
const strictBodies = ((externalSchemas: Record<string, never>, options?: { customOptions?: object }) => {
  const coercing = ajvCompilers(externalSchemas, options as never) as unknown as (route: { httpPart: string }) => unknown;
  const strict = ajvCompilers(externalSchemas, { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } } as never) as unknown as typeof coercing;
  return (route: { httpPart: string }) => (route.httpPart === 'body' ? strict : coercing)(route);
}) as unknown as ValidatorFactory;

export async function createHttpServer(opts: HttpOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.log.child({ component: 'http' }),
    // Per-request lines would drown the OCPP log at scale (LOG_REQUESTS turns them on); errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: !opts.logRequests }),
    bodyLimit: 1024 * 1024,
    http: serverOptions(opts.limits),
    // Query strings and paths are text: their values are coerced to the schema's types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    // Bodies are validated as sent (no coercion, no silent removal): 42 is not "42", a typo is a clear 400.
    schemaController: { compilersFactory: { buildValidator: strictBodies } },
    routerOptions: { ignoreTrailingSlash: true },
    // A number (hops) is accepted by Fastify (proxy-addr) though its types omit it.
    trustProxy: opts.trustProxy as boolean | string,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Fastify answers these itself (431, 408, 400); the watch only logs them.
  watchClientErrors(app.server, opts.log, false);
  installRouteTable(app);
  app.setErrorHandler(errorHandler);
  // CSV uploads (token import) arrive as text.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}.` } }),
  );
  app.addSchema(ErrorBody);
  // Before the routes (and the Swagger UI's), so their hooks apply to every one of them.
  await installSecurityHeaders(app);
  await installRateLimits(app, opts.rateLimits, opts.rateLimitStore);

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
  if (opts.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: docsCsp });

  installAuth(app, opts.auth);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // 503 whenever this process cannot serve: starting, stopping, or its database unreachable
  // ("degraded": the process stays up, stations are told to retry, and it recovers by itself).
  app.get('/health', {
    schema: {
      tags: ['health'],
      summary: 'Ready to serve',
      security: [],
      response: {
        200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }),
        503: Type.Object({ status: Type.Union([Type.Literal('starting'), Type.Literal('stopping'), Type.Literal('degraded')]), database: Type.Optional(Type.Literal('unreachable')) }),
      },
    },
    handler: async (_req, reply) => {
      const state = opts.state();
      if (state !== 'ready') return reply.status(503).send({ status: state });
      if (!(await opts.databaseUp())) return reply.status(503).send({ status: 'degraded' as const, database: 'unreachable' as const });
      return { status: 'ok' as const, version: opts.version };
    },
  });

  return app;
}
