/**
 * The conditions alerts watch. A periodic check (through the scheduler, so a cluster runs it
 * once) opens what started and resolves what cleared: silent stations, faulted connectors,
 * repeated reboots, sessions without meter values. Domain events make the common cases
 * immediate (a fault opens its alert as the status arrives; a reconnect resolves the
 * offline alert at once). Clock drift is judged as samples arrive, on the node holding the
 * station's socket.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { DomainEvent } from '../events/index.ts';
import type { Logger } from '../log.ts';
import type { AlertsService } from './alerts.service.ts';
import { DriftTracker, driftVerdict } from './clock-drift.ts';
import { createConditionsRepo } from './conditions.repo.ts';

export interface WatchSettings {
  offlineAfterMs: number;
  rebootLimit: number;
  rebootWindowMs: number;
  meterSilenceMs: number;
  clockDriftMs: number;
}

export interface WatchDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  alerts: AlertsService;
  /** This node's live last-seen time of a station it holds (pongs count), fresher than the database. */
  liveLastSeen(stationId: string): Date | undefined;
  settings: WatchSettings;
}

const connectorSubject = (evseId: number, connectorId: number) => (evseId === 0 ? 'station' : `evse ${evseId} connector ${connectorId}`);

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

export function createAlertWatch(deps: WatchDeps) {
  const conditions = createConditionsRepo(deps.db);
  const drift = new DriftTracker();
  /** The last verdict acted on per station, so a healthy clock costs no query per message. */
  const driftState = new Map<string, 'drifting' | 'ok'>();
  const { alerts, settings } = deps;
  const now = () => deps.clock.now();

  function lastSign(id: string, stored: Date | null): Date | null {
    const live = deps.liveLastSeen(id);
    return live && (!stored || live > stored) ? live : stored;
  }

  async function offline(): Promise<void> {
    const cutoff = new Date(now().getTime() - settings.offlineAfterMs);
    for (const s of await conditions.silentSince(cutoff)) {
      const seen = lastSign(s.id, s.lastSeenAt);
      if (seen && seen >= cutoff) continue;
      await alerts.open({
        type: 'station-offline',
        stationId: s.id,
        message: `Station ${s.id} has sent nothing and answered no ping for ${minutes(now().getTime() - (seen ?? s.lastSeenAt).getTime())}.`,
        details: { lastSeenAt: (seen ?? s.lastSeenAt).toISOString(), connected: s.connected },
      });
    }
    const open = await alerts.repo.unresolved('station-offline');
    const seen = await conditions.lastSeen(open.map((a) => a.stationId));
    for (const a of open) {
      const last = lastSign(a.stationId, seen.get(a.stationId) ?? null);
      if (last && last >= cutoff) await alerts.resolve({ type: 'station-offline', stationId: a.stationId }, 'the station is back');
    }
  }

  async function openFault(f: { stationId: string; evseId: number; connectorId: number; errorCode: string | null; vendorErrorCode: string | null; info: string | null }) {
    const problem = await conditions.latestProblem(f.stationId, f.evseId);
    const code = f.errorCode ?? problem?.techCode ?? null;
    await alerts.open({
      type: 'connector-faulted',
      stationId: f.stationId,
      subject: connectorSubject(f.evseId, f.connectorId),
      message: `Station ${f.stationId} ${connectorSubject(f.evseId, f.connectorId)} is Faulted${code ? ` (${code})` : ''}.`,
      details: {
        evseId: f.evseId,
        connectorId: f.connectorId,
        errorCode: f.errorCode,
        vendorErrorCode: f.vendorErrorCode,
        info: f.info,
        ...(problem ? { techCode: problem.techCode, techInfo: problem.techInfo } : {}),
      },
    });
  }

  async function faults(): Promise<void> {
    const current = await conditions.faulted();
    for (const f of current) await openFault(f);
    const faultedNow = new Set(current.map((f) => `${f.stationId}|${connectorSubject(f.evseId, f.connectorId)}`));
    for (const a of await alerts.repo.unresolved('connector-faulted')) {
      if (!faultedNow.has(`${a.stationId}|${a.subject}`)) await alerts.resolve({ type: 'connector-faulted', stationId: a.stationId, subject: a.subject }, 'no longer Faulted');
    }
  }

  function openReboots(stationId: string, n: number) {
    return alerts.open({
      type: 'repeated-reboots',
      stationId,
      message: `Station ${stationId} booted ${n} times in ${minutes(settings.rebootWindowMs)}.`,
      details: { boots: n, windowSec: settings.rebootWindowMs / 1000 },
    });
  }

  async function reboots(): Promise<void> {
    const counts = await conditions.bootsSince(new Date(now().getTime() - settings.rebootWindowMs));
    for (const [stationId, n] of counts) {
      if (n >= settings.rebootLimit) await openReboots(stationId, n);
    }
    for (const a of await alerts.repo.unresolved('repeated-reboots')) {
      if ((counts.get(a.stationId) ?? 0) < settings.rebootLimit) await alerts.resolve({ type: 'repeated-reboots', stationId: a.stationId }, 'the reboots have stopped');
    }
  }

  async function quietSessions(): Promise<void> {
    const quiet = await conditions.quietSessions(new Date(now().getTime() - settings.meterSilenceMs));
    for (const s of quiet) {
      await alerts.open({
        type: 'meter-values-missing',
        stationId: s.stationId,
        subject: `session ${s.id}`,
        message: `Session ${s.id} on ${s.stationId} EVSE ${s.evseId} has had no meter values for over ${minutes(settings.meterSilenceMs)}.`,
        details: { sessionId: s.id, evseId: s.evseId, lastSampleAt: s.lastSampleAt?.toISOString() ?? null, startedAt: s.startedAt.toISOString() },
      });
    }
    const still = new Set(quiet.map((s) => `${s.stationId}|session ${s.id}`));
    for (const a of await alerts.repo.unresolved('meter-values-missing')) {
      if (!still.has(`${a.stationId}|${a.subject}`)) await alerts.resolve({ type: 'meter-values-missing', stationId: a.stationId, subject: a.subject }, 'meter values arrived or the session ended');
    }
  }

  /** Reacts to domain events; errors are logged (the periodic check catches up). */
  function onEvent(e: DomainEvent): void {
    const run = async () => {
      if (e.type === 'station.connected') await alerts.resolve({ type: 'station-offline', stationId: e.stationId }, 'the station reconnected');
      if (e.type === 'connector.status') {
        const subject = connectorSubject(e.evseId, e.connectorId);
        if (e.status === 'Faulted') {
          const stored = await conditions.connectorFault(e.stationId, e.evseId, e.connectorId);
          await openFault({ stationId: e.stationId, evseId: e.evseId, connectorId: e.connectorId, errorCode: e.errorCode, vendorErrorCode: null, info: null, ...stored });
        } else {
          await alerts.resolve({ type: 'connector-faulted', stationId: e.stationId, subject }, `now ${e.rawStatus}`);
        }
      }
      if (e.type === 'session.updated' || e.type === 'session.ended') {
        await alerts.resolve({ type: 'meter-values-missing', stationId: e.stationId, subject: `session ${e.session.id}` }, e.type === 'session.ended' ? 'the session ended' : 'meter values arrived');
      }
    };
    run().catch((err: unknown) => deps.log.warn({ err, event: e.type }, 'alert reaction failed'));
  }

  return {
    onEvent,

    /** One pass over every watched condition. */
    async check(): Promise<void> {
      await alerts.refreshIndex();
      await offline();
      await faults();
      await reboots();
      await quietSessions();
    },

    async booted(stationId: string, at: Date, reason: string | undefined): Promise<void> {
      const n = await conditions.recordBoot(stationId, at, reason, new Date(now().getTime() - settings.rebootWindowMs));
      if (n >= settings.rebootLimit) await openReboots(stationId, n);
    },

    clockSample(stationId: string, stationTime: Date, receivedAt: Date): void {
      const samples = drift.add(stationId, { at: receivedAt.getTime(), driftMs: stationTime.getTime() - receivedAt.getTime() });
      const v = driftVerdict(samples, settings.clockDriftMs);
      if (v.state === 'unknown' || driftState.get(stationId) === v.state) return;
      driftState.set(stationId, v.state);
      const work =
        v.state === 'drifting'
          ? alerts.open({
              type: 'clock-drift',
              stationId,
              message: `Station ${stationId}'s clock is ${Math.round(Math.abs(v.driftMs) / 1000)} s ${v.driftMs > 0 ? 'ahead' : 'behind'}.`,
              details: { driftMs: v.driftMs },
            })
          : alerts.resolve({ type: 'clock-drift', stationId }, 'the clock is right again');
      work.catch((err: unknown) => {
        driftState.delete(stationId);
        deps.log.warn({ err, stationId }, 'clock drift alert failed');
      });
    },
  };
}

export type AlertWatch = ReturnType<typeof createAlertWatch>;
