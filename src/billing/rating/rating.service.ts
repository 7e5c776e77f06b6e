/**
 * Rating: what a session is billed by (fixed when Straumur first sees it: the tariff version
 * then in force, the payer and how they pay), its running cost, and at the end its charge
 * detail record, written once and never changed.
 */
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { cdrs, sessionBilling, subscriptions } from '../../db/schema/index.ts';
import type { Logger } from '../../log.ts';
import type { SessionHistoryQuery, SessionRow } from '../../sessions/index.ts';
import type { AccountService } from '../accounts/account.service.ts';
import { type Cost, price } from '../pricing/engine.ts';
import { Q } from '../pricing/rational.ts';
import { timelineOf } from '../pricing/timeline.ts';
import type { TariffService } from '../tariffs/tariff.service.ts';
import { chargingPeriodsView, costView, dimensionTotals } from './cost-view.ts';

export type BindingRow = typeof sessionBilling.$inferSelect;
export type CdrRow = typeof cdrs.$inferSelect;

export interface RatingDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  tariffs: TariffService;
  accounts: AccountService;
  history: SessionHistoryQuery;
  /** The station's site and the time zone its tariffs are read in. */
  placeOf(stationId: string): Promise<{ siteId: string | null; timeZone: string }>;
  tokenGroup(uid: string): Promise<string | null>;
}

export function createRatingService(deps: RatingDeps) {
  const { db } = deps;

  async function bindingOf(sessionId: string): Promise<BindingRow | null> {
    return (await db.select().from(sessionBilling).where(eq(sessionBilling.sessionId, sessionId)))[0] ?? null;
  }

  /** Fixes what the session is billed by; the first call wins, later ones read it back. */
  async function bind(s: SessionRow): Promise<BindingRow> {
    const known = await bindingOf(s.id);
    if (known) return known;
    const account = await deps.accounts.payerFor({ uid: s.tokenUid, driverId: s.driverId });
    const sub = account ? await deps.accounts.repo.activeSubscription(account.id) : null;
    const plan = sub ? await deps.accounts.repo.plan(sub.planId) : null;
    const place = await deps.placeOf(s.stationId);
    const resolved = await deps.tariffs.resolve({
      stationId: s.stationId,
      siteId: place.siteId,
      groupId: s.tokenUid ? await deps.tokenGroup(s.tokenUid) : null,
      planTariffId: plan?.tariffId ?? null,
      at: s.startedAt,
    });
    await db
      .insert(sessionBilling)
      .values({
        sessionId: s.id,
        tariffId: resolved?.tariffId ?? null,
        tariffVersion: resolved?.version ?? null,
        timeZone: place.timeZone,
        accountId: account?.id ?? null,
        paymentMode: account ? await deps.accounts.modeOf(account) : 'none',
        subscriptionId: sub?.id ?? null,
      })
      .onConflictDoNothing();
    return (await bindingOf(s.id))!;
  }

  async function includedLeft(b: BindingRow): Promise<Q | undefined> {
    if (!b.subscriptionId) return undefined;
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, b.subscriptionId));
    const plan = sub ? await deps.accounts.repo.plan(sub.planId) : null;
    if (!sub || !plan) return undefined;
    return Q.of(Math.max(0, plan.includedWh - sub.includedWhUsed));
  }

  /** The session's cost so far (to its end, or to now while it runs); null when nothing prices it. */
  async function costOf(s: SessionRow, now: Date): Promise<{ cost: Cost; binding: BindingRow } | null> {
    const binding = await bind(s);
    if (!binding.tariffId || binding.tariffVersion === null) return null;
    const t = await deps.tariffs.version(binding.tariffId, binding.tariffVersion);
    if (!t) return null;
    const history = await deps.history.of(s.id);
    const lastSeen = [s.lastSampleAt, s.chargingStateAt].reduce<Date>((m, d) => (d && d > m ? d : m), s.startedAt);
    const end = s.endedAt ?? (now > lastSeen ? now : lastSeen);
    const included = await includedLeft(binding);
    const cost = price(t.tariff, timelineOf({ startedAt: s.startedAt, end, timeZone: binding.timeZone, history }), included ? { includedWh: included } : {});
    return { cost, binding };
  }

  const cdrOf = async (sessionId: string) => (await db.select().from(cdrs).where(eq(cdrs.sessionId, sessionId)))[0] ?? null;

  /**
   * Writes the session's CDR once it has ended (idempotent: the OCPP handler and the event
   * listener may both ask; one insert wins). Plan energy used is counted in the same transaction.
   */
  async function finalize(s: SessionRow): Promise<CdrRow | null> {
    if (s.status !== 'completed' || !s.endedAt) return null;
    const existing = await cdrOf(s.id);
    if (existing) return existing;
    const rated = await costOf(s, s.endedAt);
    const binding = rated?.binding ?? (await bind(s));
    const c = rated?.cost;
    const t = binding.tariffId && binding.tariffVersion !== null ? await deps.tariffs.version(binding.tariffId, binding.tariffVersion) : null;
    const inserted = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(cdrs)
        .values({
          sessionId: s.id,
          stationId: s.stationId,
          evseId: s.evseId,
          connectorId: s.connectorId,
          transactionId: s.transactionId,
          tokenUid: s.tokenUid,
          driverId: s.driverId,
          accountId: binding.accountId,
          startedAt: s.startedAt,
          endedAt: s.endedAt!,
          energyWh: c ? c.energyWh.toFixed(3) : String(s.energyWh),
          chargingSec: c ? c.chargingMs.div(Q.of(1000)).toFixed(3) : '0',
          parkingSec: c ? c.parkingMs.div(Q.of(1000)).toFixed(3) : '0',
          tariffId: binding.tariffId,
          tariffVersion: binding.tariffVersion,
          tariff: t?.body ?? null,
          currency: c?.currency ?? t?.body.currency ?? 'EUR',
          totalExclMinor: c?.totalExclVat ?? 0n,
          totalVatMinor: c?.totalVat ?? 0n,
          totalInclMinor: c?.totalInclVat ?? 0n,
          cost: c ? { ...costView(c, true), ...dimensionTotals(c), charging_periods: chargingPeriodsView(c) } : { priced: false },
          includedWh: c ? c.includedWh.toFixed(3) : '0',
        })
        .onConflictDoNothing()
        .returning();
      const row = rows[0];
      if (row && c && binding.subscriptionId && !c.includedWh.isZero()) {
        await tx
          .update(subscriptions)
          .set({ includedWhUsed: sql`${subscriptions.includedWhUsed} + ${Number(c.includedWh.ceil())}` })
          .where(eq(subscriptions.id, binding.subscriptionId));
      }
      return row ?? null;
    });
    if (inserted) deps.log.info({ sessionId: s.id, cdrId: inserted.id, total: String(inserted.totalInclMinor), currency: inserted.currency }, 'CDR written');
    return inserted ?? (await cdrOf(s.id));
  }

  return { bind, bindingOf, costOf, finalize, cdrOf };
}

export type RatingService = ReturnType<typeof createRatingService>;
