/**
 * The maintenance capability, wired: the audited command port, reservations, security and
 * device events, the device model, log uploads (HTTP and FTP), firmware and campaigns, and
 * alerts with their notifications. app.ts builds it with one call, hands its inbox to the
 * OCPP edge, connects the command port once the gateway exists, and registers its routes.
 */
import nodemailer from 'nodemailer';
import { alertRoutes, createAlertsService, createAlertWatch, createNotifier } from '../alerts/index.ts';
import type { Clock } from '../clock.ts';
import type { CommandPort } from '../commands/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createDeviceModelService, deviceModelRoutes } from '../device-model/index.ts';
import { createLogUploads, diagnosticsRoutes, type FtpAccess, ftpUser, startFtpServer } from '../diagnostics/index.ts';
import type { EventBus } from '../events/index.ts';
import { createFileStore } from '../files/index.ts';
import { createCampaigns, createFirmware, firmwareRoutes } from '../firmware/index.ts';
import type { App } from '../http/types.ts';
import type { Scheduler } from '../jobs/index.ts';
import type { Logger } from '../log.ts';
import { installActorHook } from './actor.ts';
import { auditedPort } from './audited-port.ts';
import { createAuditRepo } from './audit.repo.ts';
import { commandRoutes } from './commands.routes.ts';
import type { MaintenanceInbox } from './inbox.ts';
import { rawRoutes } from './raw.routes.ts';
import { createRecordsRepo } from './records.repo.ts';
import { recordRoutes } from './records.routes.ts';
import { createReservations } from './reservations.service.ts';
import { criticalSecurityEvents } from './security-events.ts';

export interface MaintenanceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  scheduler: Scheduler;
  config: Config;
  /** The base URL stations reach this server at (PUBLIC_URL, or the local listener). */
  publicUrl(): string;
  /** This node's live last-seen time of a connected station. */
  liveLastSeen(stationId: string): Date | undefined;
  stationExists(stationId: string): Promise<boolean>;
  findToken(uid: string): Promise<{ uid: string; type: string; groupId: string | null } | null>;
}

export function createMaintenance(deps: MaintenanceDeps) {
  const { db, clock, log, events, scheduler, config } = deps;
  let port: CommandPort | undefined;
  const commands = (): CommandPort => {
    if (!port) throw new Error('The command port is not connected yet');
    return port;
  };
  let ftp: { port: number; close(): Promise<void> } | null = null;

  const audit = createAuditRepo(db);
  const records = createRecordsRepo(db);
  const files = createFileStore({ db, clock });
  const a = config.alerts;
  const channels = [...(a.webhook ? (['webhook'] as const) : []), ...(a.email ? (['email'] as const) : [])];
  const alerts = createAlertsService({ db, clock, log, events, channels, cooldownMs: a.cooldownMs });
  const watch = createAlertWatch({
    db,
    clock,
    log,
    alerts,
    liveLastSeen: deps.liveLastSeen,
    settings: { offlineAfterMs: a.offlineAfterMs, rebootLimit: a.rebootLimit, rebootWindowMs: a.rebootWindowMs, meterSilenceMs: a.meterSilenceMs, clockDriftMs: a.clockDriftMs },
  });
  const notifier = createNotifier({
    repo: alerts.repo,
    clock,
    log,
    settings: {
      webhook: a.webhook ? { url: a.webhook.url, secret: a.webhook.secret } : null,
      email: a.email ? { transport: nodemailer.createTransport(a.email.smtpUrl), from: a.email.from, to: [...a.email.to] } : null,
      digestThreshold: a.digestThreshold,
    },
  });
  const reservations = createReservations({ db, clock, repo: records, commands, findToken: deps.findToken });
  const deviceModel = createDeviceModelService({ db, clock, log, commands });
  // FTP_PUBLIC_HOST, else PUBLIC_URL's host, else this server's own address.
  const ftpPublicHost = () =>
    config.maintenance.ftp?.publicHost ?? (config.publicUrl ? new URL(config.publicUrl).hostname : config.host === '0.0.0.0' ? '127.0.0.1' : config.host);
  const uploads = createLogUploads({
    db,
    clock,
    log,
    files,
    alerts,
    commands,
    settings: {
      publicUrl: deps.publicUrl,
      ftp: () => (ftp ? { host: ftpPublicHost(), port: ftp.port } : null),
      tokenTtlMs: config.maintenance.uploadTokenTtlMs,
      maxBytes: config.maintenance.maxLogUploadBytes,
    },
  });
  const firmware = createFirmware({ db, clock, log, events, files, alerts, commands, publicUrl: deps.publicUrl, maxBytes: config.maintenance.maxFirmwareBytes });
  const campaigns = createCampaigns({ firmware, clock, log });

  scheduler.every('alert-checks', a.checkIntervalMs, () => watch.check());
  scheduler.every('alert-notifications', a.notifyIntervalMs, () => notifier.run());
  scheduler.every('firmware-campaigns', config.maintenance.campaignTickMs, () => campaigns.tick());
  scheduler.every('maintenance-expiry', 60_000, async () => {
    await uploads.expire();
    await reservations.settle();
  });

  let unsubscribe: (() => void) | undefined;

  const inbox: MaintenanceInbox = {
    booted: (stationId, at, reason) => watch.booted(stationId, at, reason),
    clockSample: (stationId, stationTime, receivedAt) => watch.clockSample(stationId, stationTime, receivedAt),
    firmwareStatus: (stationId, r) => firmware.statusReport(stationId, r),
    async logStatus(stationId, r) {
      await uploads.statusReport(stationId, r);
      events.publish({ type: 'diagnostics.status', stationId, uploadId: r.requestId ?? 0, status: r.status, at: r.at.toISOString() });
    },
    async securityEvent(stationId, e) {
      const critical = criticalSecurityEvents.has(e.type);
      await records.insertSecurityEvent({ stationId, type: e.type, techInfo: e.techInfo ?? null, critical, at: e.at, receivedAt: e.receivedAt });
      events.publish({ type: 'station.security-event', stationId, eventType: e.type, critical, techInfo: e.techInfo ?? null, at: e.at.toISOString() });
    },
    async deviceEvents(stationId, list, receivedAt) {
      await records.insertDeviceEvents(
        list.map((e) => ({
          stationId,
          eventId: e.eventId,
          trigger: e.trigger,
          cause: e.cause ?? null,
          actualValue: e.actualValue,
          techCode: e.techCode ?? null,
          techInfo: e.techInfo ?? null,
          cleared: e.cleared,
          transactionId: e.transactionId ?? null,
          monitorId: e.monitorId ?? null,
          notificationType: e.notificationType,
          component: e.component,
          componentInstance: e.componentInstance ?? null,
          evseId: e.evseId ?? null,
          connectorId: e.connectorId ?? null,
          variable: e.variable,
          variableInstance: e.variableInstance ?? null,
          at: e.at,
          receivedAt,
        })),
      );
    },
    report: (stationId, r) => deviceModel.ingestReport(stationId, r),
    monitoringReport: (stationId, r) => deviceModel.ingestMonitoringReport(stationId, r),
    reservationStatus: (stationId, r) => reservations.statusUpdate(stationId, r.reservationId, r.status, r.at),
  };

  /** FTP logins: `log<id>` with an upload's token stores its file; `firmware` with an image's token reads it. */
  async function ftpLogin(user: string, password: string): Promise<FtpAccess | null> {
    if (user === 'firmware') {
      const found = await firmware.download(password);
      if (!found) return null;
      const { Readable } = await import('node:stream');
      return {
        download: async () => ({ size: found.file.sizeBytes, open: () => Readable.from(files.read(found.file)) }),
      };
    }
    const m = /^log(\d+)$/.exec(user);
    if (!m) return null;
    const row = await uploads.byToken(password, Number(m[1]));
    if (!row.ok) return null;
    return {
      upload(fileName) {
        const w = files.writer({ kind: 'diagnostics', fileName: fileName || `${row.value.stationId}-${row.value.id}.log`, maxBytes: config.maintenance.maxLogUploadBytes });
        const done = w.done.then((f) => uploads.attach(row.value, f.id));
        done.catch((err: unknown) => log.warn({ err, uploadId: row.value.id }, 'FTP upload not stored'));
        return { stream: w.stream, done };
      },
    };
  }

  return {
    inbox,
    alerts,
    firmware,
    campaigns,
    uploads,
    deviceModel,
    files,
    ftpUserOf: ftpUser,

    /** Wraps the port that talks to stations in the audit log; the capability sends through it too. */
    connect(inner: CommandPort): CommandPort {
      port = auditedPort(inner, { repo: audit, clock, log });
      return port;
    },

    routes(app: App): void {
      installActorHook(app);
      const stationExists = deps.stationExists;
      commandRoutes(app, { commands: commands(), reservations, deviceModel, stationExists });
      rawRoutes(app, { commands: commands(), stationExists });
      recordRoutes(app, { audit, records, reservations });
      deviceModelRoutes(app, { deviceModel });
      diagnosticsRoutes(app, { uploads, files, commands: commands(), stationExists });
      firmwareRoutes(app, { firmware, campaigns, files, stationExists });
      alertRoutes(app, { alerts });
    },

    async start(): Promise<void> {
      await alerts.refreshIndex();
      unsubscribe = events.subscribe((e) => {
        watch.onEvent(e);
        if (e.type === 'station.booted') {
          firmware.booted(e.stationId, e.firmwareVersion).catch((err: unknown) => log.warn({ err }, 'firmware boot check failed'));
        }
      });
      const f = config.maintenance.ftp;
      if (f) {
        ftp = await startFtpServer({ host: config.host, port: f.port, passiveHost: ftpPublicHost(), passivePorts: f.passivePorts, log, login: ftpLogin });
        log.info({ port: ftp.port }, 'FTP server listening');
      }
    },

    async stop(): Promise<void> {
      unsubscribe?.();
      await ftp?.close();
      ftp = null;
    },
  };
}

export type Maintenance = ReturnType<typeof createMaintenance>;
