/**
 * Firmware: images uploaded by operators and served to stations by Straumur itself (HTTP
 * with ranges, and FTP), UpdateFirmware sent to stations (signed when the image carries a
 * signature), and each update followed through FirmwareStatusNotification to Installed or
 * a failure. A failure opens a firmware-update-failed alert; a later installation resolves it.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AlertsPort } from '../alerts/index.ts';
import type { Clock } from '../clock.ts';
import type { CommandOutcome, CommandPort, StatusReply } from '../commands/index.ts';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/index.ts';
import { cleanFileName, type FileStore } from '../files/index.ts';
import type { Logger } from '../log.ts';
import { nextRequestId } from '../maintenance/request-id.ts';
import { fail, ok, type Result } from '../result.ts';
import { outcomeOf } from './firmware-status.ts';
import { createFirmwareRepo, type ImageRow, type UpdateRow } from './firmware.repo.ts';

export interface FirmwareDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  files: FileStore;
  alerts: AlertsPort;
  commands: () => CommandPort;
  publicUrl(): string;
  maxBytes: number;
}

export interface ImageInput {
  version: string;
  fileName?: string | undefined;
  vendor?: string | undefined;
  model?: string | undefined;
  signature?: string | undefined;
  signingCertificate?: string | undefined;
}

export interface UpdateInput {
  imageId?: string | undefined;
  location?: string | undefined;
  retrieveAt?: string | undefined;
  installAt?: string | undefined;
  retries?: number | undefined;
  retryInterval?: number | undefined;
}

/** When an update ends, whoever follows it (campaigns) is told. */
export type UpdateEnded = (u: UpdateRow) => Promise<void>;

export function imageView(i: ImageRow, file: { sizeBytes: number; sha256: string | null; fileName: string } | null, url: string) {
  return {
    id: i.id,
    version: i.version,
    vendor: i.vendor,
    model: i.model,
    fileName: file?.fileName ?? null,
    sizeBytes: file?.sizeBytes ?? null,
    sha256: file?.sha256 ?? null,
    signed: Boolean(i.signature && i.signingCertificate),
    downloadUrl: url,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
  };
}

export function updateView(u: UpdateRow) {
  return {
    id: u.id,
    stationId: u.stationId,
    imageId: u.imageId,
    campaignId: u.campaignId,
    location: u.location,
    status: u.status,
    statusAt: u.statusAt.toISOString(),
    outcome: u.outcome,
    requestedBy: u.requestedBy,
    requestedAt: u.requestedAt.toISOString(),
    finishedAt: u.finishedAt?.toISOString() ?? null,
  };
}
export type UpdateView = ReturnType<typeof updateView>;

export function createFirmware(deps: FirmwareDeps) {
  const repo = createFirmwareRepo(deps.db);
  const now = () => deps.clock.now();
  const followers: UpdateEnded[] = [];

  const downloadUrl = (i: ImageRow, fileName: string) => `${deps.publicUrl()}/firmware/${i.downloadToken}/${encodeURIComponent(fileName)}`;

  async function view(i: ImageRow) {
    const file = await deps.files.info(i.fileId);
    return imageView(i, file, downloadUrl(i, file?.fileName ?? 'firmware.bin'));
  }

  /** Moves an update to a status; at its end the alert and the followers hear of it. */
  async function move(u: UpdateRow, status: string, at: Date): Promise<void> {
    const outcome = outcomeOf(status);
    const moved = await repo.moveUpdate(u.id, { status, statusAt: at, ...(outcome ? { outcome, finishedAt: at } : {}) });
    if (!moved) return;
    deps.events.publish({ type: 'firmware.status', stationId: u.stationId, updateId: u.id, status, outcome, at: at.toISOString() });
    if (outcome === 'failed') {
      await deps.alerts.open({
        type: 'firmware-update-failed',
        stationId: u.stationId,
        message: `Firmware update ${u.id} on ${u.stationId} failed: ${status}.`,
        details: { updateId: u.id, status, imageId: u.imageId, campaignId: u.campaignId },
      });
    }
    if (outcome === 'installed') await deps.alerts.resolve({ type: 'firmware-update-failed', stationId: u.stationId }, `firmware update ${u.id} installed`);
    if (outcome) for (const f of followers) await f(moved);
  }

  return {
    repo,
    follow(f: UpdateEnded): void {
      followers.push(f);
    },

    async addImage(input: ImageInput, body: Readable, by: string) {
      const fileName = cleanFileName(input.fileName, `firmware-${input.version}.bin`);
      const file = await deps.files.save({ kind: 'firmware', fileName, contentType: 'application/octet-stream', maxBytes: deps.maxBytes }, body);
      const image = await repo.insertImage({
        version: input.version,
        vendor: input.vendor ?? null,
        model: input.model ?? null,
        fileId: file.id,
        downloadToken: randomBytes(18).toString('base64url'),
        signature: input.signature ?? null,
        signingCertificate: input.signingCertificate ?? null,
        createdBy: by,
        createdAt: now(),
      });
      return view(image);
    },

    async images() {
      return Promise.all((await repo.images()).map(view));
    },

    async image(id: string) {
      const i = await repo.image(id);
      return i ? ok(await view(i)) : fail('NOT_FOUND', 'No firmware image with this id.');
    },

    async patchImage(id: string, patch: Partial<Pick<ImageInput, 'vendor' | 'model' | 'signature' | 'signingCertificate'>>) {
      const i = await repo.updateImage(id, patch);
      return i ? ok(await view(i)) : fail('NOT_FOUND', 'No firmware image with this id.');
    },

    /** The image and its file for a station's download (token from the URL). */
    async download(token: string) {
      const i = await repo.imageByToken(token);
      const file = i ? await deps.files.info(i.fileId) : null;
      return i && file ? { image: i, file } : null;
    },

    /** Sends UpdateFirmware (signed when the image is) and records the update. */
    async update(stationId: string, input: UpdateInput, by: string, campaignId?: string): Promise<Result<{ update: UpdateView; outcome: CommandOutcome<StatusReply> }>> {
      const image = input.imageId ? await repo.image(input.imageId) : null;
      if (input.imageId && !image) return fail('NOT_FOUND', 'No firmware image with this id.');
      const file = image ? await deps.files.info(image.fileId) : null;
      const location = image ? downloadUrl(image, file?.fileName ?? 'firmware.bin') : input.location;
      if (!location) return fail('VALIDATION_FAILED', 'Give an imageId, or the location of the firmware.');
      const id = await nextRequestId(deps.db);
      const at = now();
      await repo.insertUpdate({ id, stationId, imageId: image?.id ?? null, campaignId: campaignId ?? null, location, status: 'Requested', statusAt: at, requestedBy: by, requestedAt: at });
      const request = {
        requestId: id,
        location,
        retrieveAt: input.retrieveAt ?? at.toISOString(),
        installAt: input.installAt,
        retries: input.retries,
        retryInterval: input.retryInterval,
      };
      const outcome =
        image?.signature && image.signingCertificate
          ? await deps.commands().send(stationId, 'UpdateSignedFirmware', { ...request, signature: image.signature, signingCertificate: image.signingCertificate })
          : await deps.commands().send(stationId, 'UpdateFirmware', request);
      const accepted = outcome.ok && (outcome.reply.status === 'Accepted' || outcome.reply.status === 'AcceptedCanceled');
      // Not sent, or refused: the update ends here, without an alert (the caller hears the answer).
      const row = accepted
        ? await repo.moveUpdate(id, { status: outcome.reply.status, statusAt: now() })
        : await repo.moveUpdate(id, { status: outcome.ok ? outcome.reply.status : `Failed: ${outcome.reason}`, statusAt: now(), outcome: 'failed', finishedAt: now() });
      return ok({ update: updateView(row!), outcome });
    },

    /** FirmwareStatusNotification (and 1.6 SignedFirmwareStatusNotification). */
    async statusReport(stationId: string, r: { status: string; requestId?: number | undefined; at: Date }): Promise<void> {
      const u = r.requestId !== undefined ? await repo.update(r.requestId) : await repo.latestOpenUpdate(stationId);
      if (!u || u.stationId !== stationId) {
        if (r.status !== 'Idle') deps.log.info({ stationId, ...r }, 'firmware status for no known update');
        return;
      }
      // 1.6 stations say Idle when nothing is going on, also right after Installed: it ends nothing.
      if (r.status === 'Idle') return;
      await move(u, r.status, r.at);
    },

    /** Some stations reboot into the new firmware without saying Installed: the boot's version says it. */
    async booted(stationId: string, firmwareVersion: string | null): Promise<void> {
      if (!firmwareVersion) return;
      for (const u of await repo.openUpdatesForVersion(stationId, firmwareVersion)) await move(u, 'Installed', now());
    },

    /** Ends an update that has gone silent for too long (campaigns). */
    async timeOut(u: UpdateRow): Promise<void> {
      const moved = await repo.moveUpdate(u.id, { status: 'Timeout', statusAt: now(), outcome: 'failed', finishedAt: now() });
      if (moved) for (const f of followers) await f(moved);
    },

    async updates(stationId: string | undefined, limit = 100) {
      return (await repo.updates(stationId, limit)).map(updateView);
    },
  };
}

export type Firmware = ReturnType<typeof createFirmware>;
