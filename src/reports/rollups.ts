/**
 * Keeps the rollups up to date. A refresh finds the stations whose records changed since the
 * last one (high-water marks over statuses and presence, changed sessions, exclusions, hints
 * from domain events), and recomputes each of them from the oldest change on: a replay of an
 * offline backlog with old timestamps recomputes from its oldest timestamp. Stations that were
 * in use or down in the last hour are carried forward to now, since their state lasts without
 * new events. One refresh runs at a time across nodes (an advisory lock).
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { portKey, readBatch, type Tx } from './rollup-sources.repo.ts';
import { ARRIVAL_MARGIN_MS, type Changed, createRollupRepo } from './rollup.repo.ts';
import { chargingMsOf, floorHour, type HourFacts, portHours, type PortInput } from './timeline.ts';

const BATCH = 50;

export interface RefreshResult {
  stations: number;
  from: Date | null;
  ms: number;
}

export function createRollups(deps: { db: Db; clock: Clock; log: Logger; dayZone: string }) {
  const repo = createRollupRepo();
  const hints = new Map<string, number>();
  let lastRun = 0;
  let inFlight: Promise<RefreshResult> | null = null;

  async function recompute(tx: Tx, stationIds: string[], from: Date, to: Date): Promise<void> {
    const src = await readBatch(tx, stationIds, from, to);
    const keys = new Map(src.ports.map((p) => [portKey(p), { ...p, tracked: true }]));
    for (const k of src.sessions.keys()) {
      if (keys.has(k)) continue;
      const [stationId, evse, connector] = k.split('|');
      keys.set(k, { stationId: stationId!, evseId: Number(evse), connectorId: Number(connector), tracked: false });
    }
    const rows: Array<{ stationId: string; evseId: number; connectorId: number } & HourFacts> = [];
    for (const [k, p] of keys) {
      const station = src.stations.get(p.stationId);
      if (!station) continue;
      const port: PortInput = {
        evseId: p.evseId,
        connectorId: p.connectorId,
        tracked: p.tracked,
        initialStatus: src.initialStatus.get(k) ?? null,
        statuses: src.statuses.get(k) ?? [],
        sessions: src.sessions.get(k) ?? [],
      };
      for (const h of portHours(station, port, from.getTime(), to.getTime())) rows.push({ stationId: p.stationId, evseId: p.evseId, connectorId: p.connectorId, ...h });
    }
    await repo.replaceHours(tx, stationIds, from, rows);
    const facts = [...src.sessions.values()].flat().map((s) => ({ id: s.id, chargingMs: chargingMsOf(s), maxPowerW: src.maxPower.has(s.id) ? Math.round(src.maxPower.get(s.id)!) : null }));
    await repo.upsertSessions(tx, facts, to);
  }

  async function run(scanSessions: boolean): Promise<RefreshResult> {
    const started = Date.now();
    const now = deps.clock.now();
    const taken = new Map(hints);
    hints.clear();
    const result = await deps.db.transaction(async (tx) => {
      await repo.lock(tx);
      const marks = await repo.marks(tx);
      const arrivedAfter = new Date(now.getTime() - ARRIVAL_MARGIN_MS);
      const since = new Map<string, number>();
      const add = (changed: Changed) => {
        for (const c of changed) since.set(c.stationId, Math.min(since.get(c.stationId) ?? Infinity, c.since.getTime()));
      };
      const statuses = await repo.statusesSince(tx, marks.status);
      const presence = await repo.presenceSince(tx, marks.presence, arrivedAfter);
      add(statuses.changed);
      add(presence.changed);
      add(await repo.takeDirty(tx));
      add([...taken].map(([stationId, at]) => ({ stationId, since: new Date(at) })));
      let sessionsMark = marks.sessions;
      if (scanSessions || !marks.frontier) {
        const s = await repo.sessionsSince(tx, marks.sessions);
        add(s.changed);
        sessionsMark = s.top ?? sessionsMark;
      }
      const frontier = marks.frontier ? floorHour(marks.frontier.getTime()) : null;
      if (frontier !== null) add((await repo.activeIn(tx, new Date(frontier))).map((stationId) => ({ stationId, since: new Date(frontier) })));

      // Each station from its oldest change (or the frontier, whichever is earlier), never past now.
      const end = floorHour(now.getTime());
      const groups = new Map<number, string[]>();
      for (const [id, t] of since) {
        const from = Math.min(floorHour(t), frontier ?? Infinity, end);
        groups.set(from, [...(groups.get(from) ?? []), id]);
      }
      let oldest: number | null = null;
      for (const [from, ids] of [...groups].sort((a, b) => a[0] - b[0])) {
        oldest ??= from;
        for (let i = 0; i < ids.length; i += BATCH) {
          const batch = ids.slice(i, i + BATCH);
          await recompute(tx, batch, new Date(from), now);
          if (marks.dayZone === deps.dayZone) await repo.rollDays(tx, batch, new Date(from), deps.dayZone);
        }
      }
      // A new zone (TIME_ZONE changed): every local day again.
      if (marks.dayZone !== deps.dayZone) await repo.rollDays(tx, null, new Date(0), deps.dayZone);
      await repo.priceFromCdrs(tx);
      if (oldest !== null) await repo.resumNetwork(tx, new Date(oldest));
      await repo.saveMarks(tx, { status: statuses.top, presence: presence.top, sessions: sessionsMark, frontier: now, dayZone: deps.dayZone });
      return { stations: since.size, from: oldest === null ? null : new Date(oldest) };
    });
    lastRun = started;
    const ms = Date.now() - started;
    if (result.stations > 0) deps.log.debug({ ...result, ms }, 'report rollups refreshed');
    return { ...result, ms };
  }

  /** One refresh at a time in this process; a caller arriving meanwhile shares the running one. */
  function refresh(opts: { scanSessions?: boolean } = {}): Promise<RefreshResult> {
    if (inFlight) return inFlight;
    inFlight = run(opts.scanSessions ?? false).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    refresh,
    /** A station's records changed from `at` on (a domain event): the next refresh picks it up. */
    hint(stationId: string, at: Date): void {
      const t = at.getTime();
      if (Number.isNaN(t)) return;
      hints.set(stationId, Math.min(hints.get(stationId) ?? Infinity, t));
    },
    /** Refreshes unless the last refresh is younger than `maxLagMs`. */
    async fresh(maxLagMs: number): Promise<void> {
      if (Date.now() - lastRun >= maxLagMs || hints.size > 0) await refresh();
    },
    /** Asks for a station's rollups to be rebuilt from a time on (durable: survives a restart). */
    markDirty: (stationId: string, since: Date) => deps.db.transaction((tx) => repo.markDirty(tx, stationId, since)),
    /** Rebuilds every rollup from the records (after an upgrade, or by an operator): the next refresh starts from nothing. */
    async rebuildAll(): Promise<RefreshResult> {
      await deps.db.transaction(async (tx) => {
        await repo.lock(tx);
        await repo.clear(tx);
      });
      return refresh({ scanSessions: true });
    },
  };
}

export type Rollups = ReturnType<typeof createRollups>;
