/**
 * The billing capability: tariffs, pricing, CDRs, payments (card, wallet, postpaid,
 * subscription), receipts, invoices and credit notes. `createBilling` builds and wires it
 * (one call in app.ts); `billingRoutes` registers its REST API.
 */
import type { AuthorizationService } from '../authorization/index.ts';
import type { Clock } from '../clock.ts';
import type { CommandPort } from '../commands/index.ts';
import type { BillingConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/index.ts';
import type { App } from '../http/types.ts';
import type { Scheduler } from '../jobs/index.ts';
import type { Logger } from '../log.ts';
import { createEndedSessionsQuery, createSessionHistory, type SessionCosts, type SessionCostView, type SessionRepo, type SessionRow } from '../sessions/index.ts';
import type { SitesService } from '../sites/index.ts';
import type { StationsService } from '../stations/index.ts';
import { createAccountRepo } from './accounts/account.repo.ts';
import { createAccountService } from './accounts/account.service.ts';
import { accountRoutes } from './accounts/accounts.routes.ts';
import { meRoutes } from './accounts/me.routes.ts';
import { type BillingCore, jobs } from './core.ts';
import { createCreditNotes } from './invoices/credit-note.ts';
import { createInvoiceService } from './invoices/invoice.service.ts';
import { invoiceRoutes } from './invoices/invoices.routes.ts';
import { createStatementService } from './invoices/statements.service.ts';
import { createLifecycle } from './lifecycle.ts';
import { createPaymentRepo } from './payments/payment.repo.ts';
import { createPaymentsService } from './payments/payments.service.ts';
import { createStripeGateway } from './payments/stripe-gateway.ts';
import { webhookRoutes } from './payments/webhook.routes.ts';
import { costView } from './rating/cost-view.ts';
import { createRatingService } from './rating/rating.service.ts';
import { createTariffService } from './tariffs/tariff.service.ts';
import { tariffRoutes } from './tariffs/tariffs.routes.ts';

export interface BillingDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  config: BillingConfig;
  events: EventBus;
  scheduler: Scheduler;
  commands: CommandPort;
  authorization: AuthorizationService;
  sessions: SessionRepo;
  stations: StationsService;
  sites: SitesService;
  /** A token's group and owner. */
  token(uid: string): Promise<{ groupId: string | null } | null>;
  driver(id: string): Promise<{ email: string; name: string | null } | null>;
  /** No cluster: this process is the only one settling sessions (see lifecycle.ts). */
  soleProcess: boolean;
}

export function createBilling(deps: BillingDeps) {
  const { db, clock, config } = deps;
  const log = deps.log.child({ component: 'billing' });
  const stripe = config.stripe ? createStripeGateway(config.stripe) : null;
  const tariffs = createTariffService({ db, clock });

  async function placeOf(stationId: string): Promise<{ siteId: string | null; timeZone: string }> {
    const st = await deps.stations.get(stationId);
    const siteId = st.ok ? st.value.siteId : null;
    const site = siteId ? await deps.sites.get(siteId) : null;
    return { siteId, timeZone: site?.ok ? site.value.timeZone : config.timeZone };
  }

  const accounts = createAccountService({
    repo: createAccountRepo(db),
    clock,
    config,
    cardsEnabled: stripe !== null,
    driver: deps.driver,
    async priced(stationId, token, planTariffId) {
      const place = await placeOf(stationId);
      return (await tariffs.resolve({ stationId, siteId: place.siteId, groupId: token.groupId, planTariffId, at: clock.now() })) !== null;
    },
  });
  deps.authorization.addCheck(accounts.creditCheck);

  const rating = createRatingService({ db, clock, log, tariffs, accounts, history: createSessionHistory(db), placeOf, tokenGroup: async (uid) => (await deps.token(uid))?.groupId ?? null });
  const invoices = createInvoiceService({ db, clock, config, events: deps.events });
  const paymentRepo = createPaymentRepo(db);
  const payments = createPaymentsService({ db, clock, log, config, accounts, tariffs, invoices, payments: paymentRepo, stripe, commands: deps.commands });
  const statements = createStatementService({ db, clock, log, config, invoices, payments });
  const lifecycle = createLifecycle({ clock, log, config, events: deps.events, commands: deps.commands, sessions: deps.sessions, rating, payments, endedSessions: createEndedSessionsQuery(db), soleProcess: deps.soleProcess });
  lifecycle.start();

  deps.scheduler.every(jobs.finalize, 60_000, () => lifecycle.finalizeMissed());
  deps.scheduler.every(jobs.retries, 15 * 60_000, () => payments.retryDue());
  deps.scheduler.every(jobs.statements, 3_600_000, async () => {
    await statements.run();
    await statements.markOverdue();
  });

  /** Session costs for the sessions API: the CDR's once ended, the running cost while active. */
  const sessionCosts: SessionCosts = async (rows, now) => {
    const out = new Map<string, SessionCostView | null>();
    for (const r of rows) {
      const cdr = r.status === 'completed' ? await rating.cdrOf(r.id) : null;
      if (cdr) {
        out.set(r.id, cdr.tariffId ? (cdr.cost as SessionCostView) : null);
        continue;
      }
      const rated = await rating.costOf(r, now);
      out.set(r.id, rated ? costView(rated.cost, false) : null);
    }
    return out;
  };

  const core: BillingCore = { db, clock, accounts, invoices, statements, payments, paymentRepo, stripe, scheduler: deps.scheduler };
  return {
    core,
    sessions: deps.sessions,
    tariffs,
    rating,
    lifecycle,
    /** At start (one process): CDRs for sessions a previous process ended but did not settle (a crash). */
    recoverMissed: () => deps.scheduler.runNow(jobs.finalize),
    sessionCosts,
    placeOf,
    /** BILLING_TIME_ZONE: where a session without a site is priced. */
    timeZone: config.timeZone,
    log,
    /** For the OCPP edge (TransactionEventResponse.totalCost), as decimal text incl. VAT. */
    ocpp: {
      finalCost: (s: SessionRow) => lifecycle.finalCost(s),
      runningCost: (s: SessionRow) => lifecycle.runningCost(s),
    },
    stationExists: async (id: string) => (await deps.stations.get(id)).ok,
    siteExists: (id: string) => deps.sites.exists(id),
  };
}

export type Billing = ReturnType<typeof createBilling>;

export function billingRoutes(app: App, billing: Billing): void {
  tariffRoutes(app, { tariffs: billing.tariffs, clock: billing.core.clock, stationExists: billing.stationExists, siteExists: billing.siteExists, placeOf: billing.placeOf, timeZone: billing.timeZone });
  invoiceRoutes(app, {
    invoices: billing.core.invoices,
    rating: billing.rating,
    sessions: billing.sessions,
    creditNote: createCreditNotes({ invoices: billing.core.invoices, payments: billing.core.payments, paymentRepo: billing.core.paymentRepo, accounts: billing.core.accounts.repo }),
    driverAccount: async (driverId) => (await billing.core.accounts.repo.byDriver(driverId))?.id ?? null,
  });
  accountRoutes(app, billing.core);
  meRoutes(app, billing.core);
  webhookRoutes(app, { stripe: billing.core.stripe, payments: billing.core.payments, log: billing.log });
}

export type { SessionCostView };
export { formatMinor } from './money.ts';
