/**
 * Alerts open when a condition starts, can be acknowledged by an operator, and resolve
 * themselves when the condition clears. Opening is idempotent (one unresolved alert per
 * condition, enforced by the database, so several nodes reacting to the same event open it
 * once). Each opening is queued for notification unless the same condition was notified
 * within the cooldown (a flapping connector notifies once); a resolution is notified only
 * when its opening was.
 */
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events/index.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import { type AlertFilter, type AlertRepo, type AlertRow, createAlertRepo } from './alert.repo.ts';
import type { Db } from '../db/database.ts';
import { type AlertKey, type AlertsPort, alertTypes, type OpenAlert } from './types.ts';

export interface AlertsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  /** Channels configured for notifications (none: nothing is queued). */
  channels: ReadonlyArray<'webhook' | 'email'>;
  cooldownMs: number;
}

export function alertView(a: AlertRow) {
  return {
    id: a.id,
    type: a.type,
    stationId: a.stationId,
    subject: a.subject,
    severity: a.severity,
    status: a.status,
    message: a.message,
    details: a.details as Record<string, unknown>,
    openedAt: a.openedAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolution: a.resolution,
  };
}
export type AlertView = ReturnType<typeof alertView>;

export function createAlertsService(deps: AlertsDeps): AlertsPort & {
  repo: AlertRepo;
  /** Re-reads which conditions have an unresolved alert (each check; other nodes open alerts too). */
  refreshIndex(): Promise<void>;
  acknowledge(id: string, by: string): Promise<Result<AlertView>>;
  list(f: AlertFilter): Promise<{ items: AlertView[]; total: number }>;
  get(id: string): Promise<Result<AlertView>>;
} {
  const repo = createAlertRepo(deps.db);
  const publish = (type: 'alert.opened' | 'alert.acknowledged' | 'alert.resolved', a: AlertRow) =>
    deps.events.publish({ type, stationId: a.stationId, alert: alertView(a), at: deps.clock.now().toISOString() });

  async function queue(a: AlertRow, event: 'opened' | 'resolved'): Promise<void> {
    if (deps.channels.length === 0) return;
    const at = deps.clock.now();
    await repo.enqueue(deps.channels.map((channel) => ({ alertId: a.id, event, channel, createdAt: at, nextAt: at })));
  }

  /**
   * Which conditions have an unresolved alert. Events that may resolve one (every meter value,
   * every status, every connect) consult it first, so the common case (nothing to resolve)
   * costs no query. Until it is loaded, every resolution goes to the database.
   */
  let unresolved: Set<string> | null = null;
  const keyOf = (k: AlertKey) => `${k.type}|${k.stationId}|${k.subject ?? ''}`;

  return {
    repo,

    async refreshIndex(): Promise<void> {
      unresolved = await repo.unresolvedKeys();
    },

    async open(input: OpenAlert): Promise<void> {
      const at = deps.clock.now();
      const key: AlertKey = { type: input.type, stationId: input.stationId, subject: input.subject ?? '' };
      const cooling = deps.channels.length > 0 && (await repo.notifiedSince(key, new Date(at.getTime() - deps.cooldownMs)));
      const row = await repo.openIfAbsent({
        type: input.type,
        stationId: input.stationId,
        subject: input.subject ?? '',
        severity: input.severity ?? alertTypes[input.type],
        status: 'open',
        message: input.message,
        details: input.details ?? {},
        openedAt: at,
      });
      unresolved?.add(keyOf(key));
      if (!row) return;
      deps.log.warn({ alert: row.type, stationId: row.stationId, subject: row.subject }, row.message);
      publish('alert.opened', row);
      if (!cooling) await queue(row, 'opened');
    },

    async resolve(key: AlertKey, resolution: string): Promise<void> {
      if (unresolved && !unresolved.has(keyOf(key))) return;
      const row = await repo.resolve(key, resolution, deps.clock.now());
      unresolved?.delete(keyOf(key));
      if (!row) return;
      deps.log.info({ alert: row.type, stationId: row.stationId, subject: row.subject, resolution }, 'alert resolved');
      publish('alert.resolved', row);
      if (await repo.hasOpenedNotification(row.id)) await queue(row, 'resolved');
    },

    async acknowledge(id: string, by: string): Promise<Result<AlertView>> {
      const row = await repo.acknowledge(id, by, deps.clock.now());
      if (row) {
        publish('alert.acknowledged', row);
        return ok(alertView(row));
      }
      const current = await repo.byId(id);
      if (!current) return fail('NOT_FOUND', 'No alert with this id.');
      if (current.status === 'resolved') return fail('CONFLICT', 'This alert has already resolved.');
      return ok(alertView(current));
    },

    async list(f: AlertFilter) {
      const { rows, total } = await repo.list(f);
      return { items: rows.map(alertView), total };
    },

    async get(id: string) {
      const row = await repo.byId(id);
      return row ? ok(alertView(row)) : fail('NOT_FOUND', 'No alert with this id.');
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
