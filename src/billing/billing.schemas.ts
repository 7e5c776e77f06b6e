/** REST shapes of billing: accounts, wallets, cards, payments, plans, CDRs and documents. */
import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from '../http/schemas.ts';

const Money = Type.String({ description: 'Decimal amount in the currency, e.g. "7.44" ("1250" for ISK)' });
const AmountInput = Type.String({ pattern: '^-?\\d+(\\.\\d+)?$', maxLength: 20 });
export const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const Account = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('driver'), Type.Literal('fleet')]),
    driverId: Nullable(Type.String()),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    address: Nullable(Type.String()),
    vatId: Nullable(Type.String()),
    paymentMode: Type.Union([Type.Literal('card'), Type.Literal('wallet'), Type.Literal('postpaid')]),
    status: Type.Union([Type.Literal('active'), Type.Literal('debtor'), Type.Literal('blocked')]),
    currency: Type.String(),
    walletBalance: Money,
    walletMinimum: Money,
    createdAt: Timestamp,
  },
  { $id: 'BillingAccount' },
);

export const NewFleet = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    vatId: Type.Optional(Type.String({ maxLength: 40 })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  },
  { additionalProperties: false },
);

export const AccountPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    vatId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    paymentMode: Type.Optional(Type.Union([Type.Literal('card'), Type.Literal('wallet'), Type.Literal('postpaid')])),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('debtor'), Type.Literal('blocked')], { description: 'blocked: every token of the account is refused' })),
    walletMinimum: Type.Optional(Nullable(Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 20 }))),
  },
  { additionalProperties: false },
);

export const MyBillingPatch = Type.Object(
  { paymentMode: Type.Union([Type.Literal('card'), Type.Literal('wallet')]), address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), vatId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) },
  { additionalProperties: false },
);

export const WalletEntry = Type.Object({ kind: Type.String(), amount: Money, balanceAfter: Money, reference: Type.String(), note: Nullable(Type.String()), at: Timestamp });
export const Wallet = Type.Object({ currency: Type.String(), balance: Money, minimum: Money, entries: Type.Array(WalletEntry) });
export const WalletAdjust = Type.Object(
  { amount: AmountInput, reference: Type.String({ minLength: 1, maxLength: 100, description: 'Your reference: booked once' }), note: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
);
export const TopUp = Type.Object({ amount: Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 20 }) }, { additionalProperties: false });

export const PaymentMethod = Type.Object({ id: Type.String(), brand: Nullable(Type.String()), last4: Nullable(Type.String()), expMonth: Nullable(Type.Integer()), expYear: Nullable(Type.Integer()), isDefault: Type.Boolean() });
export const AttachMethod = Type.Object({ paymentMethodId: Type.String({ pattern: '^pm_[A-Za-z0-9_]+$', maxLength: 100 }) }, { additionalProperties: false });

export const Payment = Type.Object({
  id: Type.String({ format: 'uuid' }),
  accountId: Type.String(),
  provider: Type.String(),
  purpose: Type.String(),
  sessionId: Nullable(Type.String()),
  invoiceId: Nullable(Type.String()),
  currency: Type.String(),
  amount: Money,
  authorized: Money,
  captured: Money,
  refunded: Money,
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Timestamp),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
});
export const Refund = Type.Object({ amount: Type.Optional(Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 20 })), reason: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false });

export const Plan = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  currency: Type.String(),
  monthlyFee: Money,
  vatPercent: Type.String(),
  includedKwh: Type.String(),
  tariffId: Nullable(Type.String()),
  active: Type.Boolean(),
});
export const NewPlan = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    monthlyFee: Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 20 }),
    vatPercent: Type.Optional(Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 10 })),
    includedKwh: Type.Optional(Type.String({ pattern: '^\\d+(\\.\\d{1,3})?$', maxLength: 12 })),
    tariffId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const Subscription = Type.Object({
  id: Type.String({ format: 'uuid' }),
  planId: Type.String(),
  status: Type.String(),
  startedAt: Timestamp,
  currentPeriodStart: Timestamp,
  currentPeriodEnd: Timestamp,
  cancelAtPeriodEnd: Type.Boolean(),
  includedKwhUsed: Type.String(),
});

export const Cdr = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    session_id: Type.String(),
    start_date_time: Timestamp,
    end_date_time: Timestamp,
    station_id: Type.String(),
    evse_id: Type.Integer(),
    connector_id: Type.Integer(),
    transaction_id: Type.String(),
    token_uid: Nullable(Type.String()),
    driver_id: Nullable(Type.String()),
    account_id: Nullable(Type.String()),
    currency: Type.String(),
    tariff: Nullable(Type.Object({}, { additionalProperties: true })),
    total_cost: Type.Object({ excl_vat: Money, incl_vat: Money }),
    total_energy: Type.String({ description: 'kWh' }),
    total_time: Type.String({ description: 'hours, session' }),
    total_parking_time: Type.String({ description: 'hours not charging' }),
    last_updated: Timestamp,
  },
  { $id: 'Cdr', additionalProperties: true },
);

export const Invoice = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('receipt'), Type.Literal('invoice'), Type.Literal('credit_note')]),
    number: Type.String(),
    accountId: Nullable(Type.String()),
    driverId: Nullable(Type.String()),
    sessionId: Nullable(Type.String()),
    refersTo: Nullable(Type.String()),
    currency: Type.String(),
    issuedAt: Timestamp,
    periodStart: Nullable(Timestamp),
    periodEnd: Nullable(Timestamp),
    seller: Type.Object({}, { additionalProperties: true }),
    buyer: Type.Object({}, { additionalProperties: true }),
    lines: Type.Array(Type.Object({}, { additionalProperties: true })),
    vat: Type.Array(Type.Object({ percent: Nullable(Type.String()), base: Money, amount: Money })),
    totalExclVat: Money,
    totalVat: Money,
    totalInclVat: Money,
    status: Type.Union([Type.Literal('open'), Type.Literal('paid'), Type.Literal('void')]),
    dueAt: Nullable(Timestamp),
    paidAt: Nullable(Timestamp),
    note: Nullable(Type.String()),
    pdf: Type.String({ description: 'Where the PDF is' }),
  },
  { $id: 'Invoice' },
);
export type InvoiceView = Static<typeof Invoice>;

export const CreditNoteBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 300 }),
    amountExclVat: Type.Optional(Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 20, description: 'Part of the document to credit; all of it when left out' })),
    refund: Type.Optional(Type.Boolean({ description: 'Give the money back to the card or wallet that paid (default true)' })),
  },
  { additionalProperties: false },
);
