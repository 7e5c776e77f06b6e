/**
 * Billing follows sessions through their domain events (session.started, .updated, .ended):
 * it fixes the binding and takes a card hold at the start, recomputes the running cost as
 * updates come (published as session.cost, sent to 2.x stations as CostUpdated, checked
 * against the hold or the wallet), and writes the CDR and collects at the end. Rating a
 * session reads its whole history, so a running cost is computed at most every
 * BILLING_LIVE_COST_SEC per session (the last update always counts, a moment later): meter
 * values every few seconds from thousands of sessions must not each cost a full rating. Work for one
 * session runs one step at a time; a step that fails is logged and the safety-net job
 * (billing-finalize) catches what an ended session missed.
 */
import type { Clock } from '../clock.ts';
import type { CommandPort } from '../commands/index.ts';
import type { BillingConfig } from '../config.ts';
import type { DomainEvent, EventBus } from '../events/index.ts';
import { createLimiter } from '../limiter.ts';
import type { Logger } from '../log.ts';
import { type SessionRepo, type SessionRow, STALE_AFTER_REBOOT } from '../sessions/index.ts';
import { formatMinor } from './money.ts';
import type { PaymentsService } from './payments/payments.service.ts';
import { costView } from './rating/cost-view.ts';
import type { RatingService } from './rating/rating.service.ts';

export interface LifecycleDeps {
  clock: Clock;
  log: Logger;
  config: BillingConfig;
  events: EventBus;
  commands: CommandPort;
  sessions: SessionRepo;
  rating: RatingService;
  payments: PaymentsService;
  endedSessions(from: Date, to: Date, limit: number): Promise<SessionRow[]>;
  /**
   * One process serves every station (no cluster): a session that ended before this process
   * started cannot have its session.ended event pending here, so the safety net may take it
   * at once instead of after a minute (a crash between a stop's commit and its CDR).
   */
  soleProcess: boolean;
}

const SETTLE_RETRIES = 5;
/** Running sessions rated at once. */
const LIVE_RATINGS_AT_ONCE = 2;

export function createLifecycle(deps: LifecycleDeps) {
  const { clock, log, rating, payments } = deps;
  const queues = new Map<string, Promise<void>>();
  const lastCostUpdate = new Map<string, { at: number; total: string }>();
  /** When each session was last rated while running, and a rating waiting for its turn. */
  const lastRated = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  const startedAt = clock.now().getTime();

  const retries = new Set<NodeJS.Timeout>();

  /** Runs work for one session after the work queued before it. */
  function serially(sessionId: string, fn: () => Promise<void>, failed?: () => void): Promise<void> {
    const prev = queues.get(sessionId) ?? Promise.resolve();
    const next = prev.then(fn).catch((err: unknown) => {
      log.error({ err, sessionId }, 'billing step failed');
      failed?.();
    });
    queues.set(sessionId, next);
    void next.finally(() => {
      if (queues.get(sessionId) === next) queues.delete(sessionId);
    });
    return next;
  }

  function publishCost(s: SessionRow, view: ReturnType<typeof costView>): void {
    deps.events.publish({ type: 'session.cost', stationId: s.stationId, driverId: s.driverId, sessionId: s.id, cost: view, at: clock.now().toISOString() });
  }

  async function running(s: SessionRow): Promise<void> {
    const rated = await rating.costOf(s, clock.now());
    if (!rated) return;
    const view = costView(rated.cost, false);
    publishCost(s, view);
    await payments.running(s, rated.binding, rated.cost.totalInclVat);
    // OCPP 2.x I02: the running cost, at most every BILLING_COST_UPDATE_SEC and only when it changed.
    const last = lastCostUpdate.get(s.id);
    const now = clock.now().getTime();
    if (last && (last.total === view.totalInclVat || now - last.at < deps.config.costUpdateSec * 1000)) return;
    lastCostUpdate.set(s.id, { at: now, total: view.totalInclVat });
    const sent = await deps.commands.send(s.stationId, 'CostUpdated', { transactionId: s.transactionId, totalCost: view.totalInclVat });
    if (!sent.ok && sent.reason !== 'unsupported') log.debug({ sessionId: s.id, reason: sent.reason }, 'CostUpdated not delivered');
  }

  /**
   * Running costs are background work: a few at a time, so that a thousand sessions due at once
   * queue here instead of taking every database connection from the meter values and
   * transaction events stations are waiting on (ADR 30).
   */
  const live = createLimiter(LIVE_RATINGS_AT_ONCE);
  let warnedAt = -Infinity;
  /** Says so (once a minute at most) when a rating waited longer than its interval: running costs are late. */
  function lateBy(ms: number): void {
    if (ms <= deps.config.liveCostSec * 1000 || performance.now() - warnedAt < 60_000) return;
    warnedAt = performance.now();
    log.warn({ lateMs: Math.round(ms), sessionsRunning: lastRated.size }, 'running costs are late: more sessions are due than are rated in BILLING_LIVE_COST_SEC');
  }

  /** Rates a running session now, or once its interval has passed (one pending rating per session). */
  const runners = new Map<string, () => void>();
  function rateSoon(id: string): void {
    if (trailing.has(id)) return;
    const wait = Math.max(0, (lastRated.get(id) ?? -Infinity) + deps.config.liveCostSec * 1000 - clock.now().getTime());
    const run = () => {
      clearTimeout(trailing.get(id));
      trailing.delete(id);
      runners.delete(id);
      lastRated.set(id, clock.now().getTime());
      const due = performance.now();
      void serially(id, () =>
        live(async () => {
          lateBy(performance.now() - due);
          const s = await deps.sessions.byId(id);
          if (s?.status === 'active') await running(s);
        }),
      );
    };
    if (wait <= 0) return run();
    const timer = setTimeout(run, wait);
    timer.unref();
    trailing.set(id, timer);
    runners.set(id, run);
  }

  async function ended(s: SessionRow): Promise<void> {
    lastCostUpdate.delete(s.id);
    lastRated.delete(s.id);
    clearTimeout(trailing.get(s.id));
    trailing.delete(s.id);
    runners.delete(s.id);
    const cdr = await rating.finalize(s);
    if (!cdr) return;
    const binding = await rating.bind(s);
    const rated = cdr.tariffId ? await rating.costOf(s, s.endedAt!) : null;
    if (rated) publishCost(s, costView(rated.cost, true));
    await payments.ended(s, binding, cdr);
  }

  /**
   * Settling an ended session failed (the database away, say): tried again after 2, 4, 8, 16
   * and 32 s while it has no CDR, then left to billing-finalize; an outage then costs no
   * minutes of waiting for CDRs.
   */
  function retrySettle(id: string, attempt: number): (() => void) | undefined {
    if (attempt >= SETTLE_RETRIES) return undefined;
    return () => {
      const timer = setTimeout(() => {
        retries.delete(timer);
        void serially(
          id,
          async () => {
            const s = await deps.sessions.byId(id);
            if (s?.status === 'completed' && !(await rating.cdrOf(id))) await ended(s);
          },
          retrySettle(id, attempt + 1),
        );
      }, 2000 * 2 ** attempt);
      timer.unref();
      retries.add(timer);
    };
  }

  async function onEvent(e: DomainEvent): Promise<void> {
    if (e.type !== 'session.started' && e.type !== 'session.updated' && e.type !== 'session.ended') return;
    const id = e.session.id;
    if (e.type === 'session.updated' && e.session.status === 'active') return rateSoon(id);
    const onFailure = e.type === 'session.ended' ? retrySettle(id, 0) : undefined;
    await serially(id, async () => {
      const s = await deps.sessions.byId(id);
      if (!s) return;
      if (e.type === 'session.started') {
        const binding = await rating.bind(s);
        if (s.status === 'active') await payments.started(s, binding);
        return;
      }
      if (s.status === 'active') return running(s);
      // A session Straumur closed because its station rebooted may yet be reopened: wait (billing-finalize).
      if (s.endedBy === 'csms' && s.stopReason === STALE_AFTER_REBOOT) return;
      return ended(s);
    }, onFailure);
  }

  return {
    start(): () => void {
      return deps.events.subscribe((e) => void onEvent(e));
    },

    /** Safety net: CDRs for sessions that ended without one (missed events, reboot closures past their grace). */
    async finalizeMissed(): Promise<number> {
      const now = clock.now().getTime();
      const graceMs = deps.config.rebootGraceMin * 60_000;
      // Events of the last minute may still be on their way; not those of a previous process.
      const settled = deps.soleProcess ? Math.max(now - 60_000, startedAt) : now - 60_000;
      const candidates = await deps.endedSessions(new Date(now - 7 * 86_400_000), new Date(settled), 500);
      let done = 0;
      for (const s of candidates) {
        if (s.stopReason === STALE_AFTER_REBOOT && s.endedBy === 'csms' && s.updatedAt.getTime() > now - graceMs) continue;
        if (await rating.cdrOf(s.id)) continue;
        await serially(s.id, () => ended(s));
        done++;
      }
      return done;
    },

    /** Waits for queued billing work (shutdown, tests); ratings waiting for their interval run now. */
    async idle(): Promise<void> {
      // Retries waiting for their time are dropped: billing-finalize takes those sessions (at the next start).
      for (const t of retries) clearTimeout(t);
      retries.clear();
      for (const run of [...runners.values()]) run();
      while (queues.size) await Promise.all(queues.values());
    },

    /** Final cost incl. VAT for OCPP's TransactionEventResponse.totalCost; null when nothing prices the session. */
    async finalCost(s: SessionRow): Promise<string | null> {
      const cdr = await rating.finalize(s);
      return cdr?.tariffId ? formatMinor(cdr.totalInclMinor, cdr.currency) : null;
    },

    async runningCost(s: SessionRow): Promise<string | null> {
      const rated = await rating.costOf(s, clock.now());
      return rated ? formatMinor(rated.cost.totalInclVat, rated.cost.currency) : null;
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
