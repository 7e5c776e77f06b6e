/**
 * REST: firmware images (upload, list, sign), updates of one station, campaigns across
 * many; and the download stations use (/firmware/{token}/{name}, outside /api/v1: the
 * unguessable token in the URL is the credential, as stations cannot send our bearer tokens).
 */
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { replyOrThrow } from '../commands/index.ts';
import { AppError } from '../errors.ts';
import { FileTooLarge, type FileStore, readUpload, sendFile } from '../files/index.ts';
import { principalOf } from '../http/auth-hooks.ts';
import { errorResponses, Nullable, Timestamp } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { StationIdParam } from '../stations/station.schemas.ts';
import type { Campaigns } from './campaigns.service.ts';
import type { Firmware } from './firmware.service.ts';

const Image = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.String(),
  vendor: Nullable(Type.String()),
  model: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  sizeBytes: Nullable(Type.Integer()),
  sha256: Nullable(Type.String()),
  signed: Type.Boolean(),
  downloadUrl: Type.String({ description: 'What stations are sent; no sign-in needed' }),
  createdBy: Type.String(),
  createdAt: Timestamp,
});

const Update = Type.Object({
  id: Type.Integer({ description: 'Also the requestId sent to the station' }),
  stationId: Type.String(),
  imageId: Nullable(Type.String()),
  campaignId: Nullable(Type.String()),
  location: Type.String(),
  status: Type.String(),
  statusAt: Timestamp,
  outcome: Nullable(Type.String({ description: 'installed or failed once it has ended' })),
  requestedBy: Type.String(),
  requestedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
});

const Progress = Type.Object({ pending: Type.Integer(), 'in-progress': Type.Integer(), installed: Type.Integer(), failed: Type.Integer(), cancelled: Type.Integer() });
const Campaign = Type.Object({
  id: Type.String(),
  name: Type.String(),
  imageId: Type.String(),
  status: Type.String({ description: 'running, paused, halted, completed, cancelled' }),
  concurrency: Type.Integer(),
  maxAttempts: Type.Integer(),
  failureThreshold: Type.Integer(),
  retryDelaySec: Type.Integer(),
  attemptTimeoutSec: Type.Integer(),
  installAt: Nullable(Timestamp),
  haltedReason: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  total: Type.Integer(),
  progress: Progress,
  targets: Type.Optional(Type.Array(Type.Object({
    stationId: Type.String(),
    status: Type.String(),
    attempts: Type.Integer(),
    updateId: Nullable(Type.Integer()),
    lastStatus: Nullable(Type.String()),
    lastError: Nullable(Type.String()),
    nextAttemptAt: Nullable(Timestamp),
    updatedAt: Timestamp,
  }))),
});

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const ImageMeta = Type.Object({
  version: Type.Optional(Text(50)),
  fileName: Type.Optional(Text(200)),
  vendor: Type.Optional(Text(50)),
  model: Type.Optional(Text(50)),
});
const Signing = { signature: Type.Optional(Text(800)), signingCertificate: Type.Optional(Text(5500)) };

export function firmwareRoutes(app: App, deps: { firmware: Firmware; campaigns: Campaigns; files: FileStore; stationExists(id: string): Promise<boolean> }): void {
  const tags = ['firmware'];
  const { firmware, campaigns } = deps;
  const by = (req: Parameters<typeof principalOf>[0]) => `${principalOf(req).type}:${principalOf(req).id}`;
  const ImageId = Type.Object({ id: Type.String({ format: 'uuid' }) });

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.post('/api/v1/firmware/images', {
      config: { auth: 'firmware:write' },
      bodyLimit: Number.MAX_SAFE_INTEGER,
      schema: {
        tags,
        summary: 'Upload a firmware image',
        description:
          'The body is the image (application/octet-stream) with version, fileName, vendor, model in the query; or an HTML form (multipart/form-data) with those fields (and signature, signingCertificate) before the file.',
        querystring: ImageMeta,
        response: { 201: Image, ...errorResponses, 413: errorResponses[400] },
      },
      handler: async (req, reply) => {
        const incoming = await readUpload(req.headers, req.body as Readable).catch((err: Error) => {
          throw new AppError('VALIDATION_FAILED', `The upload could not be read: ${err.message}`);
        });
        const f: Record<string, string | undefined> = { ...(req.query as Record<string, string | undefined>), ...incoming.fields };
        if (!f.version) throw new AppError('VALIDATION_FAILED', 'Give the firmware version (version).');
        try {
          const image = await firmware.addImage(
            { version: f.version.slice(0, 50), fileName: f.fileName ?? incoming.fileName, vendor: f.vendor, model: f.model, signature: incoming.fields.signature, signingCertificate: incoming.fields.signingCertificate },
            incoming.stream,
            by(req),
          );
          return reply.status(201).send(image);
        } catch (err) {
          if (err instanceof FileTooLarge) throw new AppError('TOO_LARGE', err.message);
          throw err;
        }
      },
    });
  });

  app.get('/api/v1/firmware/images', {
    config: { auth: 'firmware:read' },
    schema: { tags, summary: 'Firmware images, newest first', response: { 200: Type.Object({ items: Type.Array(Image) }), ...errorResponses } },
    handler: async () => ({ items: await firmware.images() }),
  });

  app.get('/api/v1/firmware/images/:id', {
    config: { auth: 'firmware:read' },
    schema: { tags, summary: 'A firmware image', params: ImageId, response: { 200: Image, ...errorResponses } },
    handler: async (req) => unwrap(await firmware.image(req.params.id)),
  });

  app.patch('/api/v1/firmware/images/:id', {
    config: { auth: 'firmware:write' },
    schema: {
      tags,
      summary: "Change an image's vendor, model, or signature (a signed image is sent as a signed update)",
      params: ImageId,
      body: Type.Object({ vendor: Type.Optional(Text(50)), model: Type.Optional(Text(50)), ...Signing }, { additionalProperties: false }),
      response: { 200: Image, ...errorResponses },
    },
    handler: async (req) => unwrap(await firmware.patchImage(req.params.id, req.body)),
  });

  app.post('/api/v1/stations/:id/commands/update-firmware', {
    config: { auth: 'firmware:write' },
    schema: {
      tags,
      summary: 'Update a station’s firmware (UpdateFirmware; signed when the image is)',
      description: 'With imageId the station downloads the image from Straumur; or give any location. Follow it at GET /api/v1/firmware/updates.',
      params: StationIdParam,
      body: Type.Object(
        {
          imageId: Type.Optional(Type.String({ format: 'uuid' })),
          location: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
          retrieveAt: Type.Optional(Timestamp),
          installAt: Type.Optional(Timestamp),
          retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
          retryInterval: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ status: Type.String(), update: Update }), ...errorResponses, 502: errorResponses[400], 504: errorResponses[400] },
    },
    handler: async (req) => {
      if (!(await deps.stationExists(req.params.id))) throw new AppError('STATION_NOT_FOUND');
      const { update, outcome } = unwrap(await firmware.update(req.params.id, req.body, by(req)));
      return { status: replyOrThrow(outcome).status, update };
    },
  });

  app.get('/api/v1/firmware/updates', {
    config: { auth: 'firmware:read' },
    schema: {
      tags,
      summary: 'Firmware updates sent, newest first',
      querystring: Type.Object({ stationId: Type.Optional(Type.String({ maxLength: 48 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      response: { 200: Type.Object({ items: Type.Array(Update) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await firmware.updates(req.query.stationId, req.query.limit) }),
  });

  app.post('/api/v1/firmware/campaigns', {
    config: { auth: 'firmware:write' },
    schema: {
      tags,
      summary: 'Roll an image out to many stations',
      description:
        'Stations update `concurrency` at a time; a failed attempt is retried after `retryDelaySec` up to `maxAttempts`; an attempt with no end after `attemptTimeoutSec` has failed; the campaign halts once `failureThreshold` stations have failed (default a tenth, at least one). Offline stations wait.',
      body: Type.Object(
        {
          name: Type.Optional(Text(100)),
          imageId: Type.String({ format: 'uuid' }),
          stationIds: Type.Array(Type.String({ minLength: 1, maxLength: 48 }), { minItems: 1, maxItems: 10_000 }),
          concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
          failureThreshold: Type.Optional(Type.Integer({ minimum: 1 })),
          retryDelaySec: Type.Optional(Type.Integer({ minimum: 0, maximum: 7 * 86_400 })),
          attemptTimeoutSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 86_400 })),
          installAt: Type.Optional(Timestamp),
        },
        { additionalProperties: false },
      ),
      response: { 201: Campaign, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(unwrap(await campaigns.create(req.body, by(req)))),
  });

  app.get('/api/v1/firmware/campaigns', {
    config: { auth: 'firmware:read' },
    schema: { tags, summary: 'Campaigns and their progress', response: { 200: Type.Object({ items: Type.Array(Campaign) }), ...errorResponses } },
    handler: async () => ({ items: await campaigns.list() }),
  });

  app.get('/api/v1/firmware/campaigns/:id', {
    config: { auth: 'firmware:read' },
    schema: { tags, summary: 'A campaign, its progress and every station in it', params: ImageId, response: { 200: Campaign, ...errorResponses } },
    handler: async (req) => unwrap(await campaigns.get(req.params.id)),
  });

  app.post('/api/v1/firmware/campaigns/:id/:action', {
    config: { auth: 'firmware:write' },
    schema: {
      tags,
      summary: 'Pause, resume (after a pause or a halt; optionally with a new failureThreshold) or cancel a campaign',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), action: Type.Union([Type.Literal('pause'), Type.Literal('resume'), Type.Literal('cancel')]) }),
      querystring: Type.Object({ failureThreshold: Type.Optional(Type.Integer({ minimum: 1, description: 'resume: the new threshold' })) }),
      response: { 200: Campaign, ...errorResponses },
    },
    handler: async (req) => unwrap(await campaigns.act(req.params.id, req.params.action, req.query.failureThreshold)),
  });

  // Fastify answers HEAD from this GET too (stations check the size before downloading).
  app.get('/firmware/:token/:name', {
    schema: { hide: true, params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }), name: Type.String({ minLength: 1, maxLength: 255 }) }) },
    handler: async (req, reply) => {
      const found = await firmware.download(req.params.token);
      if (!found) throw new AppError('NOT_FOUND', 'No firmware at this address.');
      return sendFile(req, reply, deps.files, found.file);
    },
  });
}
