/**
 * REST: log uploads. Operators ask a station for its log and download the file; stations
 * upload to /uploads/{token} (outside /api/v1: the one-time token is their credential),
 * with PUT or POST, raw or as a form, optionally with their file name appended.
 */
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { type CommandPort, replyOrThrow } from '../commands/index.ts';
import { AppError } from '../errors.ts';
import { FileTooLarge, type FileStore, readUpload, sendFile } from '../files/index.ts';
import { principalOf } from '../http/auth-hooks.ts';
import { errorResponses, Nullable, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { StationIdParam } from '../stations/station.schemas.ts';
import type { LogUploads } from './log-upload.service.ts';

export const LogUpload = Type.Object({
  id: Type.Integer({ description: 'Also the GetLog requestId' }),
  stationId: Type.String(),
  logType: Type.String(),
  protocol: Type.String(),
  status: Type.String({ description: 'Requested, the answer (Accepted, Rejected, NoDiagnostics), then the station’s progress (Uploading, Uploaded, UploadFailed, ...), or Expired' }),
  statusAt: Timestamp,
  done: Type.Boolean(),
  failed: Type.Boolean(),
  stationFileName: Nullable(Type.String()),
  fileId: Nullable(Type.String()),
  requestedBy: Type.String(),
  requestedAt: Timestamp,
  expiresAt: Timestamp,
  receivedAt: Nullable(Timestamp),
});

const GetLogBody = Type.Object(
  {
    logType: Type.Optional(Type.Union([Type.Literal('Diagnostics'), Type.Literal('Security')])),
    protocol: Type.Optional(Type.Union([Type.Literal('http'), Type.Literal('ftp')], { description: 'How the station uploads; default http' })),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    retryInterval: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
  },
  { additionalProperties: false },
);

export function diagnosticsRoutes(app: App, deps: { uploads: LogUploads; files: FileStore; commands: CommandPort; stationExists(id: string): Promise<boolean> }): void {
  const tags = ['diagnostics'];
  const { uploads } = deps;

  app.post('/api/v1/stations/:id/commands/get-log', {
    config: { auth: 'stations:command' },
    schema: {
      tags,
      summary: 'Ask the station to upload its log (1.6 GetDiagnostics; 2.x GetLog) to Straumur',
      description: 'The station uploads over HTTP or FTP with a one-time token; follow it at GET /api/v1/log-uploads/{id}, download at /file.',
      params: StationIdParam,
      body: GetLogBody,
      response: { 200: Type.Object({ status: Type.String(), upload: LogUpload }), ...errorResponses, 502: errorResponses[400], 504: errorResponses[400] },
    },
    handler: async (req) => {
      if (!(await deps.stationExists(req.params.id))) throw new AppError('STATION_NOT_FOUND');
      const p = principalOf(req);
      const { upload, outcome } = unwrap(
        await uploads.request(req.params.id, { ...req.body, logType: req.body.logType ?? 'Diagnostics', protocol: req.body.protocol ?? 'http' }, `${p.type}:${p.id}`),
      );
      return { status: replyOrThrow(outcome).status, upload };
    },
  });

  app.get('/api/v1/log-uploads', {
    config: { auth: 'diagnostics:read' },
    schema: {
      tags,
      summary: 'Log uploads, newest first',
      querystring: Type.Object({ stationId: Type.Optional(Type.String({ maxLength: 48 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      response: { 200: Type.Object({ items: Type.Array(LogUpload) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await uploads.list(req.query.stationId, req.query.limit) }),
  });

  const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
  app.get('/api/v1/log-uploads/:id', {
    config: { auth: 'diagnostics:read' },
    schema: { tags, summary: 'A log upload', params: IdParam, response: { 200: LogUpload, ...errorResponses } },
    handler: async (req) => unwrap(await uploads.get(req.params.id)),
  });

  app.get('/api/v1/log-uploads/:id/file', {
    config: { auth: 'diagnostics:read' },
    schema: { tags, summary: 'Download the uploaded file', params: IdParam, produces: ['application/octet-stream'] },
    handler: async (req, reply) => {
      const upload = unwrap(await uploads.get(req.params.id));
      const file = upload.fileId ? await deps.files.info(upload.fileId) : null;
      if (!file) throw new AppError('NOT_FOUND', 'No file has arrived for this upload.');
      return sendFile(req, reply, deps.files, file);
    },
  });

  // Stations' uploads: any content type streams through untouched, whatever its size.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    const receive = async (req: { params: { token: string; name?: string }; headers: Record<string, unknown>; body: unknown }) => {
      const row = unwrap(await uploads.byToken(req.params.token));
      const incoming = await readUpload(req.headers as never, req.body as Readable).catch((err: Error) => {
        throw new AppError('VALIDATION_FAILED', `The upload could not be read: ${err.message}`);
      });
      try {
        return unwrap(await uploads.receive(row, incoming.fileName ?? req.params.name, incoming.contentType, incoming.stream));
      } catch (err) {
        if (err instanceof FileTooLarge) throw new AppError('TOO_LARGE', err.message);
        throw err;
      }
    };
    // The token is base64url (log-upload.service.ts); anything else is refused before a lookup.
    const schema = { hide: true, params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }) };
    for (const url of ['/uploads/:token', '/uploads/:token/:name']) {
      scope.route({
        method: ['PUT', 'POST'],
        url,
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema,
        handler: async (req, reply) => {
          const view = await receive(req as never);
          return reply.status(201).send({ ok: true, uploadId: view.id });
        },
      });
    }
  });
}
