/**
 * The reports capability: usage, energy, uptime (NEVI), faults, revenue and driver reports
 * over rollups kept from other capabilities' records, which it only reads. `createReports`
 * builds and wires it (one call in app.ts); `reportRoutes` registers its REST API.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/index.ts';
import type { Scheduler } from '../jobs/index.ts';
import type { Logger } from '../log.ts';
import { createExclusionsService } from './exclusions.service.ts';
import { createReportsService } from './reports.service.ts';
import { createRollups } from './rollups.ts';

export interface ReportsConfig {
  /** The operator's time zone: periods are grouped in it unless a request names another. */
  readonly timeZone: string;
  readonly refreshSec: number;
  readonly maxLagSec: number;
}

export interface ReportsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  scheduler: Scheduler;
  config: ReportsConfig;
  isTimeZone(tz: string): boolean;
  formatMinor(minor: bigint, currency: string): string;
}

/** Scheduler job name. */
export const REPORTS_REFRESH_JOB = 'reports-refresh';

export function createReports(deps: ReportsDeps) {
  const log = deps.log.child({ component: 'reports' });
  const rollups = createRollups({ db: deps.db, clock: deps.clock, log, dayZone: deps.config.timeZone });
  // Domain events say which stations changed, so a report read right after sees them; the
  // job's scan of sources catches what events do not carry (replayed statuses, a lost hint).
  deps.events.subscribe((e) => {
    if (e.type === 'session.started' || e.type === 'session.updated' || e.type === 'session.ended') rollups.hint(e.stationId, new Date(e.session.startedAt));
    else if (e.type === 'connector.status' || e.type === 'station.connected' || e.type === 'station.disconnected') rollups.hint(e.stationId, new Date(e.at));
    // A final cost means a CDR: the next refresh picks up its revenue.
    else if (e.type === 'session.cost' && e.cost.final) rollups.hint(e.stationId, new Date(e.at));
  });
  deps.scheduler.every(REPORTS_REFRESH_JOB, deps.config.refreshSec * 1000, () => rollups.refresh({ scanSessions: true }));
  return {
    rollups,
    service: createReportsService({ db: deps.db, clock: deps.clock, rollups, maxLagMs: deps.config.maxLagSec * 1000, dayZone: deps.config.timeZone, formatMinor: deps.formatMinor }),
    exclusions: createExclusionsService({ db: deps.db, rollups }),
    timeZone: deps.config.timeZone,
    isTimeZone: deps.isTimeZone,
  };
}

export type Reports = ReturnType<typeof createReports>;
export { reportRoutes } from './reports.routes.ts';
