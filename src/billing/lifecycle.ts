/**
 * Billing follows sessions through their domain events (session.started, .updated, .ended):
 * it fixes the binding and takes a card hold at the start, recomputes the running cost on
 * every update (published as session.cost, sent to 2.x stations as CostUpdated, checked
 * against the hold or the wallet), and writes the CDR and collects at the end. Work for one
 * session runs one step at a time; a step that fails is logged and the safety-net job
 * (billing-finalize) catches what an ended session missed.
 */
import type { Clock } from '../clock.ts';
import type { CommandPort } from '../commands/index.ts';
import type { BillingConfig } from '../config.ts';
import type { DomainEvent, EventBus } from '../events/index.ts';
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
}

export function createLifecycle(deps: LifecycleDeps) {
  const { clock, log, rating, payments } = deps;
  const queues = new Map<string, Promise<void>>();
  const lastCostUpdate = new Map<string, { at: number; total: string }>();

  /** Runs work for one session after the work queued before it. */
  function serially(sessionId: string, fn: () => Promise<void>): Promise<void> {
    const prev = queues.get(sessionId) ?? Promise.resolve();
    const next = prev.then(fn).catch((err: unknown) => log.error({ err, sessionId }, 'billing step failed'));
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

  async function ended(s: SessionRow): Promise<void> {
    lastCostUpdate.delete(s.id);
    const cdr = await rating.finalize(s);
    if (!cdr) return;
    const binding = await rating.bind(s);
    const rated = cdr.tariffId ? await rating.costOf(s, s.endedAt!) : null;
    if (rated) publishCost(s, costView(rated.cost, true));
    await payments.ended(s, binding, cdr);
  }

  async function onEvent(e: DomainEvent): Promise<void> {
    if (e.type !== 'session.started' && e.type !== 'session.updated' && e.type !== 'session.ended') return;
    const id = e.session.id;
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
    });
  }

  return {
    start(): () => void {
      return deps.events.subscribe((e) => void onEvent(e));
    },

    /** Safety net: CDRs for sessions that ended without one (missed events, reboot closures past their grace). */
    async finalizeMissed(): Promise<number> {
      const now = clock.now().getTime();
      const graceMs = deps.config.rebootGraceMin * 60_000;
      const candidates = await deps.endedSessions(new Date(now - 7 * 86_400_000), new Date(now - 60_000), 500);
      let done = 0;
      for (const s of candidates) {
        if (s.stopReason === STALE_AFTER_REBOOT && s.endedBy === 'csms' && s.updatedAt.getTime() > now - graceMs) continue;
        if (await rating.cdrOf(s.id)) continue;
        await serially(s.id, () => ended(s));
        done++;
      }
      return done;
    },

    /** Waits for queued billing work (shutdown, tests). */
    async idle(): Promise<void> {
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
