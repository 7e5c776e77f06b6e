-- Billing: versioned tariffs and their assignment, what each session is billed by, charge
-- detail records, billing accounts (drivers and fleets), wallets, saved cards, payments,
-- subscription plans, and numbered documents (receipts, invoices, credit notes).
-- Money is integer minor units of its currency (ISO 4217 exponent).

CREATE TABLE tariffs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL,
  currency         text NOT NULL CONSTRAINT tariffs_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  is_default       boolean NOT NULL DEFAULT false,
  current_version  integer NOT NULL DEFAULT 1,
  archived_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tariffs_one_default ON tariffs (is_default) WHERE is_default;

-- Every version of a tariff is kept: a session is priced by the version in force when it started.
CREATE TABLE tariff_versions (
  tariff_id   uuid NOT NULL REFERENCES tariffs(id),
  version     integer NOT NULL,
  -- The OCPI 2.2.1 Tariff body (currency, elements, min_price, max_price), prices as decimal text
  body        jsonb NOT NULL,
  valid_from  timestamptz NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tariff_versions_pkey PRIMARY KEY (tariff_id, version)
);

-- Which tariff applies where: a station, a site, or a token group (OCPP groupIdToken / parentIdTag).
CREATE TABLE tariff_assignments (
  scope        text NOT NULL CONSTRAINT tariff_assignments_scope_check CHECK (scope IN ('station', 'site', 'group')),
  target       text NOT NULL,
  tariff_id    uuid NOT NULL REFERENCES tariffs(id),
  assigned_at  timestamptz NOT NULL,
  CONSTRAINT tariff_assignments_pkey PRIMARY KEY (scope, target)
);

CREATE TABLE billing_accounts (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                    text NOT NULL CONSTRAINT billing_accounts_kind_check CHECK (kind IN ('driver', 'fleet')),
  driver_id               uuid REFERENCES drivers(id) ON DELETE SET NULL,
  name                    text,
  email                   text,
  address                 text,
  vat_id                  text,
  payment_mode            text NOT NULL CONSTRAINT billing_accounts_mode_check CHECK (payment_mode IN ('card', 'wallet', 'postpaid')),
  currency                text NOT NULL,
  wallet_balance_minor    bigint NOT NULL DEFAULT 0,
  -- Below this the wallet may not start a session; NULL means the configured default
  wallet_minimum_minor    bigint,
  stripe_customer_id      text,
  -- 'debtor' after failed payments ran out of retries; 'blocked' by an operator
  status                  text NOT NULL DEFAULT 'active' CONSTRAINT billing_accounts_status_check CHECK (status IN ('active', 'debtor', 'blocked')),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX billing_accounts_driver_key ON billing_accounts (driver_id) WHERE driver_id IS NOT NULL;

-- Tokens a fleet (postpaid) account pays for; a driver's own tokens need no row.
CREATE TABLE billing_account_tokens (
  uid         text PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES billing_accounts(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX billing_account_tokens_uid_key ON billing_account_tokens (lower(uid));

CREATE TABLE payment_methods (
  id          text PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES billing_accounts(id) ON DELETE CASCADE,
  brand       text,
  last4       text,
  exp_month   integer,
  exp_year    integer,
  is_default  boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (account_id) WHERE is_default;

-- The wallet's ledger; the balance on the account moves in the same transaction.
CREATE TABLE wallet_transactions (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id           uuid NOT NULL REFERENCES billing_accounts(id) ON DELETE CASCADE,
  kind                 text NOT NULL CONSTRAINT wallet_transactions_kind_check CHECK (kind IN ('topup', 'session', 'refund', 'adjustment')),
  amount_minor         bigint NOT NULL,
  balance_after_minor  bigint NOT NULL,
  -- What it was for (a session id, a payment id); the same reference is booked once per kind
  reference            text NOT NULL,
  note                 text,
  at                   timestamptz NOT NULL,
  CONSTRAINT wallet_transactions_reference_key UNIQUE (account_id, kind, reference)
);

CREATE TABLE subscription_plans (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name               text NOT NULL,
  currency           text NOT NULL,
  monthly_fee_minor  bigint NOT NULL CONSTRAINT subscription_plans_fee_check CHECK (monthly_fee_minor >= 0),
  vat_percent        numeric NOT NULL DEFAULT 0,
  included_wh        bigint NOT NULL DEFAULT 0,
  tariff_id          uuid REFERENCES tariffs(id),
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE subscriptions (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id            uuid NOT NULL REFERENCES billing_accounts(id) ON DELETE CASCADE,
  plan_id               uuid NOT NULL REFERENCES subscription_plans(id),
  status                text NOT NULL DEFAULT 'active' CONSTRAINT subscriptions_status_check CHECK (status IN ('active', 'canceled')),
  started_at            timestamptz NOT NULL,
  current_period_start  timestamptz NOT NULL,
  current_period_end    timestamptz NOT NULL,
  cancel_at_period_end  boolean NOT NULL DEFAULT false,
  canceled_at           timestamptz,
  included_wh_used      bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX subscriptions_one_active ON subscriptions (account_id) WHERE status = 'active';

-- What each session is billed by, fixed when Straumur first sees it (the tariff version then in force).
CREATE TABLE session_billing (
  session_id         uuid PRIMARY KEY REFERENCES sessions(id),
  tariff_id          uuid REFERENCES tariffs(id),
  tariff_version     integer,
  time_zone          text NOT NULL DEFAULT 'UTC',
  account_id         uuid REFERENCES billing_accounts(id),
  payment_mode       text NOT NULL DEFAULT 'none',
  subscription_id    uuid REFERENCES subscriptions(id),
  -- A wallet cut-off or a failed hold asked the station to stop
  stop_requested_at  timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);

-- Charge detail records: written once when a session ends, never changed (corrections are credit notes).
CREATE TABLE cdrs (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id         uuid NOT NULL REFERENCES sessions(id),
  station_id         text NOT NULL,
  evse_id            integer NOT NULL,
  connector_id       integer NOT NULL,
  transaction_id     text NOT NULL,
  token_uid          text,
  driver_id          uuid,
  account_id         uuid,
  started_at         timestamptz NOT NULL,
  ended_at           timestamptz NOT NULL,
  energy_wh          numeric NOT NULL,
  charging_sec       numeric NOT NULL,
  parking_sec        numeric NOT NULL,
  tariff_id          uuid,
  tariff_version     integer,
  tariff             jsonb,
  currency           text NOT NULL,
  total_excl_minor   bigint NOT NULL,
  total_vat_minor    bigint NOT NULL,
  total_incl_minor   bigint NOT NULL,
  -- Lines, VAT per rate and OCPI charging periods
  cost               jsonb NOT NULL,
  included_wh        numeric NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cdrs_session_key UNIQUE (session_id)
);
CREATE INDEX cdrs_account_idx ON cdrs (account_id, ended_at);
CREATE INDEX cdrs_ended_at_idx ON cdrs (ended_at DESC);

CREATE FUNCTION billing_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable; issue a credit note instead', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER cdrs_immutable BEFORE UPDATE OR DELETE ON cdrs FOR EACH ROW EXECUTE FUNCTION billing_immutable();

-- Receipts, invoices and credit notes. Amounts and lines never change after issue; only the
-- payment status and its date do.
CREATE TABLE invoices (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind              text NOT NULL CONSTRAINT invoices_kind_check CHECK (kind IN ('receipt', 'invoice', 'credit_note')),
  number            text NOT NULL CONSTRAINT invoices_number_key UNIQUE,
  account_id        uuid REFERENCES billing_accounts(id),
  driver_id         uuid,
  session_id        uuid,
  refers_to         uuid REFERENCES invoices(id),
  currency          text NOT NULL,
  issued_at         timestamptz NOT NULL,
  period_start      timestamptz,
  period_end        timestamptz,
  seller            jsonb NOT NULL,
  buyer             jsonb NOT NULL,
  lines             jsonb NOT NULL,
  vat               jsonb NOT NULL,
  total_excl_minor  bigint NOT NULL,
  total_vat_minor   bigint NOT NULL,
  total_incl_minor  bigint NOT NULL,
  status            text NOT NULL CONSTRAINT invoices_status_check CHECK (status IN ('open', 'paid', 'void')),
  due_at            timestamptz,
  paid_at           timestamptz,
  note              text,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoices_account_idx ON invoices (account_id, issued_at DESC);
CREATE INDEX invoices_driver_idx ON invoices (driver_id, issued_at DESC);
CREATE UNIQUE INDEX invoices_receipt_per_session ON invoices (session_id) WHERE kind = 'receipt';

CREATE FUNCTION invoices_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (NEW.number, NEW.kind, NEW.lines, NEW.vat, NEW.total_excl_minor, NEW.total_vat_minor, NEW.total_incl_minor, NEW.currency, NEW.issued_at, NEW.buyer, NEW.seller)
     IS DISTINCT FROM (OLD.number, OLD.kind, OLD.lines, OLD.vat, OLD.total_excl_minor, OLD.total_vat_minor, OLD.total_incl_minor, OLD.currency, OLD.issued_at, OLD.buyer, OLD.seller) THEN
    RAISE EXCEPTION 'issued documents are immutable; issue a credit note instead' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER invoices_fixed BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_fixed();

-- The CDRs a monthly statement (postpaid, subscription) has billed, so none is billed twice.
CREATE TABLE invoiced_cdrs (
  cdr_id      uuid PRIMARY KEY REFERENCES cdrs(id),
  invoice_id  uuid NOT NULL REFERENCES invoices(id)
);

-- Gap-free document numbers: one row per series and year, moved in the transaction that issues the document.
CREATE TABLE document_counters (
  series  text NOT NULL,
  year    integer NOT NULL,
  last    integer NOT NULL,
  CONSTRAINT document_counters_pkey PRIMARY KEY (series, year)
);

CREATE TABLE payments (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id         uuid NOT NULL REFERENCES billing_accounts(id),
  provider           text NOT NULL CONSTRAINT payments_provider_check CHECK (provider IN ('stripe', 'wallet', 'manual')),
  purpose            text NOT NULL CONSTRAINT payments_purpose_check CHECK (purpose IN ('session', 'invoice', 'topup', 'subscription')),
  session_id         uuid,
  invoice_id         uuid REFERENCES invoices(id),
  currency           text NOT NULL,
  amount_minor       bigint NOT NULL,
  authorized_minor   bigint NOT NULL DEFAULT 0,
  captured_minor     bigint NOT NULL DEFAULT 0,
  refunded_minor     bigint NOT NULL DEFAULT 0,
  status             text NOT NULL CONSTRAINT payments_status_check CHECK (status IN ('pending', 'authorized', 'succeeded', 'failed', 'canceled')),
  stripe_payment_intent text CONSTRAINT payments_intent_key UNIQUE,
  attempts           integer NOT NULL DEFAULT 0,
  next_attempt_at    timestamptz,
  last_error         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_session_idx ON payments (session_id);
CREATE INDEX payments_retry_idx ON payments (next_attempt_at) WHERE status = 'failed';

-- Stripe webhook events already handled (Stripe delivers at least once).
CREATE TABLE stripe_events (
  id           text PRIMARY KEY,
  type         text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);
