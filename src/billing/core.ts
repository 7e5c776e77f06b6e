/** The billing services the REST routes use, in one place. */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Scheduler } from '../jobs/index.ts';
import type { AccountService } from './accounts/account.service.ts';
import type { InvoiceService } from './invoices/invoice.service.ts';
import type { StatementService } from './invoices/statements.service.ts';
import type { PaymentRepo } from './payments/payment.repo.ts';
import type { PaymentsService } from './payments/payments.service.ts';
import type { StripeGateway } from './payments/stripe-gateway.ts';

export interface BillingCore {
  db: Db;
  clock: Clock;
  accounts: AccountService;
  invoices: InvoiceService;
  statements: StatementService;
  payments: PaymentsService;
  paymentRepo: PaymentRepo;
  stripe: StripeGateway | null;
  scheduler: Scheduler;
}

/** Scheduler job names billing registers. */
export const jobs = { finalize: 'billing-finalize', retries: 'billing-payment-retries', statements: 'billing-statements' } as const;
