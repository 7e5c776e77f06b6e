/**
 * Diagnostics and log uploads: ask a station for its log (1.6 GetDiagnostics, 2.x GetLog)
 * with an upload location Straumur serves itself, an HTTP URL or an FTP account that holds a
 * one-time token; follow the status notifications; store the file that arrives; let
 * operators download it. A failed or expired upload opens a log-upload-failed alert; a later
 * successful one resolves it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Clock } from '../clock.ts';
import type { CommandOutcome, CommandPort } from '../commands/index.ts';
import type { Db } from '../db/database.ts';
import { cleanFileName, type FileStore } from '../files/index.ts';
import type { Logger } from '../log.ts';
import type { LogUploadStatus } from '../maintenance/inbox.ts';
import { nextRequestId } from '../maintenance/request-id.ts';
import type { AlertsPort } from '../alerts/index.ts';
import { fail, ok, type Result } from '../result.ts';
import { createLogUploadRepo, type LogUploadRow } from './log-upload.repo.ts';

export interface LogUploadSettings {
  /** Base URL stations reach Straumur at (PUBLIC_URL). */
  publicUrl(): string;
  /** Host and port of the FTP server stations reach, or null when FTP is off. */
  ftp(): { host: string; port: number } | null;
  tokenTtlMs: number;
  maxBytes: number;
}

export interface LogUploadDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  files: FileStore;
  alerts: AlertsPort;
  commands: () => CommandPort;
  settings: LogUploadSettings;
}

export interface LogRequest {
  logType: 'Diagnostics' | 'Security';
  protocol: 'http' | 'ftp';
  from?: string | undefined;
  to?: string | undefined;
  retries?: number | undefined;
  retryInterval?: number | undefined;
}

/** Statuses after which the station will not upload (anything else may still bring a file). */
const failures = new Set<LogUploadStatus>(['UploadFailed', 'BadMessage', 'NotSupportedOperation', 'PermissionDenied']);

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The FTP user name of an upload (the password is its token). */
export const ftpUser = (id: number) => `log${id}`;

export function logUploadView(r: LogUploadRow) {
  return {
    id: r.id,
    stationId: r.stationId,
    logType: r.logType,
    protocol: r.protocol,
    status: r.status,
    statusAt: r.statusAt.toISOString(),
    done: r.done,
    failed: r.failed,
    stationFileName: r.stationFileName,
    fileId: r.fileId,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    receivedAt: r.receivedAt?.toISOString() ?? null,
  };
}
export type LogUploadView = ReturnType<typeof logUploadView>;

export function createLogUploads(deps: LogUploadDeps) {
  const repo = createLogUploadRepo(deps.db);
  const now = () => deps.clock.now();

  async function failed(row: LogUploadRow, why: string): Promise<void> {
    await deps.alerts.open({
      type: 'log-upload-failed',
      stationId: row.stationId,
      message: `Log upload ${row.id} from ${row.stationId} failed: ${why}.`,
      details: { uploadId: row.id, status: row.status },
    });
  }

  return {
    repo,

    async request(stationId: string, input: LogRequest, by: string): Promise<Result<{ upload: LogUploadView; outcome: CommandOutcome<{ status: string; fileName?: string | undefined }> }>> {
      const ftp = input.protocol === 'ftp' ? deps.settings.ftp() : null;
      if (input.protocol === 'ftp' && !ftp) return fail('CONFLICT', 'FTP uploads are off: set FTP_PORT to serve them.');
      const id = await nextRequestId(deps.db);
      const token = randomBytes(24).toString('base64url');
      const at = now();
      const location = ftp ? `ftp://${ftpUser(id)}:${token}@${ftp.host}:${ftp.port}/` : `${deps.settings.publicUrl()}/uploads/${token}`;
      await repo.insert({
        id,
        stationId,
        logType: input.logType,
        protocol: input.protocol,
        tokenHash: hashToken(token),
        status: 'Requested',
        statusAt: at,
        requestedBy: by,
        requestedAt: at,
        expiresAt: new Date(at.getTime() + deps.settings.tokenTtlMs),
      });
      const outcome = await deps.commands().send(stationId, 'GetLog', {
        requestId: id,
        logType: input.logType,
        location,
        from: input.from,
        to: input.to,
        retries: input.retries,
        retryInterval: input.retryInterval,
      });
      // Anything but an acceptance ends the request: the station will not upload.
      const status = outcome.ok ? outcome.reply.status : `Failed: ${outcome.reason}`;
      const open = outcome.ok && (outcome.reply.status === 'Accepted' || outcome.reply.status === 'AcceptedCanceled');
      const row = await repo.update(id, {
        status,
        statusAt: now(),
        stationFileName: outcome.ok ? (outcome.reply.fileName ?? null) : null,
        ...(open ? {} : { done: true, failed: !outcome.ok || outcome.reply.status === 'Rejected' }),
      });
      return ok({ upload: logUploadView(row!), outcome });
    },

    /** DiagnosticsStatusNotification / LogStatusNotification. */
    async statusReport(stationId: string, r: { status: LogUploadStatus; requestId?: number | undefined; at: Date }): Promise<void> {
      const row = r.requestId !== undefined ? await repo.byId(r.requestId) : await repo.latestOpen(stationId);
      if (!row || row.stationId !== stationId) {
        if (r.status !== 'Idle') deps.log.info({ stationId, ...r }, 'log status for no known upload');
        return;
      }
      // A file already received is the truth; a late status does not undo it.
      if (row.fileId) return;
      const fails = failures.has(r.status);
      const updated = await repo.update(row.id, { status: r.status, statusAt: r.at, ...(fails ? { done: true, failed: true } : {}) });
      if (fails && updated) await failed(updated, r.status);
    },

    /** Finds the open upload a token (HTTP) or an FTP login belongs to. */
    async byToken(token: string, id?: number): Promise<Result<LogUploadRow>> {
      const row = await repo.byTokenHash(hashToken(token));
      if (!row || (id !== undefined && row.id !== id)) return fail('NOT_FOUND', 'No upload with this token.');
      if (row.fileId) return fail('CONFLICT', 'This upload token has been used.');
      if (row.expiresAt <= now()) return fail('NOT_FOUND', 'This upload token has expired.');
      return ok(row);
    },

    /** Stores a file a station uploads for an open request; the token is spent by the first file. */
    async receive(row: LogUploadRow, fileName: string | undefined, contentType: string | undefined, body: Readable): Promise<Result<LogUploadView>> {
      const name = cleanFileName(fileName ?? row.stationFileName, `${row.stationId}-${row.logType.toLowerCase()}-${row.id}.log`);
      const file = await deps.files.save({ kind: 'diagnostics', fileName: name, contentType: contentType ?? null, maxBytes: deps.settings.maxBytes }, body);
      return this.attach(row, file.id);
    },

    async attach(row: LogUploadRow, fileId: string): Promise<Result<LogUploadView>> {
      const claimed = await repo.claim(row.id, fileId, now());
      if (!claimed) {
        await deps.files.remove(fileId);
        return fail('CONFLICT', 'This upload token has been used.');
      }
      deps.log.info({ stationId: row.stationId, uploadId: row.id, fileId }, 'log file received');
      await deps.alerts.resolve({ type: 'log-upload-failed', stationId: row.stationId }, `log upload ${row.id} succeeded`);
      return ok(logUploadView(claimed));
    },

    async expire(): Promise<number> {
      const rows = await repo.expire(now());
      for (const r of rows) await failed(r, 'no file arrived before the upload token expired');
      return rows.length;
    },

    async list(stationId: string | undefined, limit = 100) {
      return (await repo.list(stationId, limit)).map(logUploadView);
    },

    async get(id: number) {
      const row = await repo.byId(id);
      return row ? ok(logUploadView(row)) : fail('NOT_FOUND', 'No log upload with this id.');
    },
  };
}

export type LogUploads = ReturnType<typeof createLogUploads>;
