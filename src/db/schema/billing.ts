/** Tariffs, billing accounts, payments, CDRs and documents (migrations/0004). */
import { bigint, boolean, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

const money = (name: string) => bigint(name, { mode: 'bigint' });

export const tariffs = pgTable('tariffs', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  currentVersion: integer('current_version').notNull().default(1),
  archivedAt: ts('archived_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const tariffVersions = pgTable(
  'tariff_versions',
  {
    tariffId: uuid('tariff_id').notNull(),
    version: integer('version').notNull(),
    body: jsonb('body').notNull(),
    validFrom: ts('valid_from').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'tariff_versions_pkey', columns: [t.tariffId, t.version] })],
);

export const tariffAssignments = pgTable(
  'tariff_assignments',
  {
    scope: text('scope').notNull(),
    target: text('target').notNull(),
    tariffId: uuid('tariff_id').notNull(),
    assignedAt: ts('assigned_at').notNull(),
  },
  (t) => [primaryKey({ name: 'tariff_assignments_pkey', columns: [t.scope, t.target] })],
);

export const billingAccounts = pgTable('billing_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  driverId: uuid('driver_id'),
  name: text('name'),
  email: text('email'),
  address: text('address'),
  vatId: text('vat_id'),
  paymentMode: text('payment_mode').notNull(),
  currency: text('currency').notNull(),
  walletBalanceMinor: money('wallet_balance_minor').notNull().default(0n),
  walletMinimumMinor: money('wallet_minimum_minor'),
  stripeCustomerId: text('stripe_customer_id'),
  status: text('status').notNull().default('active'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const billingAccountTokens = pgTable('billing_account_tokens', {
  uid: text('uid').primaryKey(),
  accountId: uuid('account_id').notNull(),
});

export const paymentMethods = pgTable('payment_methods', {
  id: text('id').primaryKey(),
  accountId: uuid('account_id').notNull(),
  brand: text('brand'),
  last4: text('last4'),
  expMonth: integer('exp_month'),
  expYear: integer('exp_year'),
  isDefault: boolean('is_default').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const walletTransactions = pgTable('wallet_transactions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: uuid('account_id').notNull(),
  kind: text('kind').notNull(),
  amountMinor: money('amount_minor').notNull(),
  balanceAfterMinor: money('balance_after_minor').notNull(),
  reference: text('reference').notNull(),
  note: text('note'),
  at: ts('at').notNull(),
});

export const subscriptionPlans = pgTable('subscription_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  monthlyFeeMinor: money('monthly_fee_minor').notNull(),
  vatPercent: numeric('vat_percent').notNull().default('0'),
  includedWh: bigint('included_wh', { mode: 'number' }).notNull().default(0),
  tariffId: uuid('tariff_id'),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const subscriptions = pgTable('subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull(),
  planId: uuid('plan_id').notNull(),
  status: text('status').notNull().default('active'),
  startedAt: ts('started_at').notNull(),
  currentPeriodStart: ts('current_period_start').notNull(),
  currentPeriodEnd: ts('current_period_end').notNull(),
  cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
  canceledAt: ts('canceled_at'),
  includedWhUsed: bigint('included_wh_used', { mode: 'number' }).notNull().default(0),
});

export const sessionBilling = pgTable('session_billing', {
  sessionId: uuid('session_id').primaryKey(),
  tariffId: uuid('tariff_id'),
  tariffVersion: integer('tariff_version'),
  timeZone: text('time_zone').notNull().default('UTC'),
  accountId: uuid('account_id'),
  paymentMode: text('payment_mode').notNull().default('none'),
  subscriptionId: uuid('subscription_id'),
  stopRequestedAt: ts('stop_requested_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const cdrs = pgTable('cdrs', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id').notNull(),
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id').notNull(),
  connectorId: integer('connector_id').notNull(),
  transactionId: text('transaction_id').notNull(),
  tokenUid: text('token_uid'),
  driverId: uuid('driver_id'),
  accountId: uuid('account_id'),
  startedAt: ts('started_at').notNull(),
  endedAt: ts('ended_at').notNull(),
  energyWh: numeric('energy_wh').notNull(),
  chargingSec: numeric('charging_sec').notNull(),
  parkingSec: numeric('parking_sec').notNull(),
  tariffId: uuid('tariff_id'),
  tariffVersion: integer('tariff_version'),
  tariff: jsonb('tariff'),
  currency: text('currency').notNull(),
  totalExclMinor: money('total_excl_minor').notNull(),
  totalVatMinor: money('total_vat_minor').notNull(),
  totalInclMinor: money('total_incl_minor').notNull(),
  cost: jsonb('cost').notNull(),
  includedWh: numeric('included_wh').notNull().default('0'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const invoices = pgTable('invoices', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  number: text('number').notNull(),
  accountId: uuid('account_id'),
  driverId: uuid('driver_id'),
  sessionId: uuid('session_id'),
  refersTo: uuid('refers_to'),
  currency: text('currency').notNull(),
  issuedAt: ts('issued_at').notNull(),
  periodStart: ts('period_start'),
  periodEnd: ts('period_end'),
  seller: jsonb('seller').notNull(),
  buyer: jsonb('buyer').notNull(),
  lines: jsonb('lines').notNull(),
  vat: jsonb('vat').notNull(),
  totalExclMinor: money('total_excl_minor').notNull(),
  totalVatMinor: money('total_vat_minor').notNull(),
  totalInclMinor: money('total_incl_minor').notNull(),
  status: text('status').notNull(),
  dueAt: ts('due_at'),
  paidAt: ts('paid_at'),
  note: text('note'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const invoicedCdrs = pgTable('invoiced_cdrs', {
  cdrId: uuid('cdr_id').primaryKey(),
  invoiceId: uuid('invoice_id').notNull(),
});

export const documentCounters = pgTable(
  'document_counters',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ name: 'document_counters_pkey', columns: [t.series, t.year] })],
);

export const payments = pgTable('payments', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id').notNull(),
  provider: text('provider').notNull(),
  purpose: text('purpose').notNull(),
  sessionId: uuid('session_id'),
  invoiceId: uuid('invoice_id'),
  currency: text('currency').notNull(),
  amountMinor: money('amount_minor').notNull(),
  authorizedMinor: money('authorized_minor').notNull().default(0n),
  capturedMinor: money('captured_minor').notNull().default(0n),
  refundedMinor: money('refunded_minor').notNull().default(0n),
  status: text('status').notNull(),
  stripePaymentIntent: text('stripe_payment_intent'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at'),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
});
