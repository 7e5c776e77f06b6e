-- Drivers, their id tokens, authorization decisions, local authorization lists, charging
-- sessions and their meter samples.

CREATE TABLE drivers (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL,
  name           text,
  phone          text,
  -- NULL for accounts an operator created and the driver has not yet claimed
  password_hash  text,
  status         text NOT NULL DEFAULT 'active' CONSTRAINT drivers_status_check CHECK (status IN ('active', 'blocked')),
  blocked_reason text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz
);
CREATE UNIQUE INDEX drivers_email_key ON drivers (lower(email));

CREATE TABLE id_tokens (
  -- RFID UIDs are stored as upper-case hex; every uid is unique without regard to case
  uid         text PRIMARY KEY,
  type        text NOT NULL CONSTRAINT id_tokens_type_check CHECK (type IN ('ISO14443', 'ISO15693', 'eMAID', 'Central', 'KeyCode', 'Local', 'MacAddress', 'NoAuthorization')),
  status      text NOT NULL DEFAULT 'Accepted' CONSTRAINT id_tokens_status_check CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid')),
  expires_at  timestamptz,
  -- OCPP 1.6 parentIdTag / 2.x groupIdToken
  group_id    text,
  driver_id   uuid REFERENCES drivers(id) ON DELETE SET NULL,
  label       text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX id_tokens_uid_key ON id_tokens (lower(uid));
CREATE INDEX id_tokens_driver_idx ON id_tokens (driver_id);

-- Every authorization decision, for support and audits.
CREATE TABLE authorization_decisions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id  text NOT NULL,
  uid         text NOT NULL,
  purpose     text NOT NULL,
  status      text NOT NULL,
  reason      text,
  at          timestamptz NOT NULL
);
CREATE INDEX authorization_decisions_uid_at_idx ON authorization_decisions (lower(uid), at DESC);
CREATE INDEX authorization_decisions_station_at_idx ON authorization_decisions (station_id, at DESC);

-- What each station's local authorization list holds, as last accepted by the station.
CREATE TABLE local_list_entries (
  station_id  text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  uid         text NOT NULL,
  type        text NOT NULL,
  status      text NOT NULL,
  expires_at  timestamptz,
  group_id    text,
  CONSTRAINT local_list_entries_pkey PRIMARY KEY (station_id, uid)
);
CREATE TABLE local_lists (
  station_id  text PRIMARY KEY REFERENCES stations(id) ON DELETE CASCADE,
  -- The version the station accepted last; 0 means no list
  version     integer NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- 1.6 transaction ids are integers chosen by the CSMS (int32).
CREATE SEQUENCE ocpp16_transaction_id_seq AS integer START 1 MAXVALUE 2147483647 CYCLE;

-- Remote starts requested through the API, so the session that follows is tied to the request.
CREATE TABLE remote_starts (
  id            integer PRIMARY KEY,
  station_id    text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  evse_id       integer,
  uid           text NOT NULL,
  driver_id     uuid REFERENCES drivers(id) ON DELETE SET NULL,
  requested_by  text NOT NULL,
  status        text,
  requested_at  timestamptz NOT NULL
);
CREATE SEQUENCE remote_start_id_seq AS integer START 1 MAXVALUE 2147483647 CYCLE;
CREATE INDEX remote_starts_station_at_idx ON remote_starts (station_id, requested_at DESC);

CREATE TABLE sessions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  station_id       text NOT NULL REFERENCES stations(id),
  evse_id          integer NOT NULL,
  connector_id     integer NOT NULL,
  -- The OCPP transaction id as text (1.6 integers, 2.x strings)
  transaction_id   text NOT NULL,
  -- 1.6 StartTransaction replays are recognised by (connector, idTag, meterStart, timestamp)
  start_key        text,
  token_uid        text,
  token_type       text,
  driver_id        uuid REFERENCES drivers(id) ON DELETE SET NULL,
  -- The authorization status given when the session started (or was first authorized)
  auth_status      text,
  remote_start_id  integer,
  reservation_id   integer,
  status           text NOT NULL DEFAULT 'active' CONSTRAINT sessions_status_check CHECK (status IN ('active', 'completed')),
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  stop_reason      text,
  -- 'station' when the station reported the end, 'csms' when Straumur closed it (reboot, operator)
  ended_by         text,
  -- Energy in integer Wh. meter_start_wh and meter_stop_wh are register readings; energy_wh is what was delivered.
  meter_start_wh   bigint,
  meter_stop_wh    bigint,
  energy_wh        bigint NOT NULL DEFAULT 0,
  first_register_at timestamptz,
  last_register_wh bigint,
  last_register_at timestamptz,
  power_w          numeric,
  soc_percent      numeric,
  last_sample_at   timestamptz,
  charging_state   text,
  charging_state_at timestamptz,
  last_seq_no      integer,
  offline_events   boolean NOT NULL DEFAULT false,
  -- Reconstructed from a stop or update for a transaction Straumur had not seen start
  reconstructed    boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sessions_transaction_key UNIQUE (station_id, transaction_id)
);
CREATE UNIQUE INDEX sessions_start_key ON sessions (station_id, start_key) WHERE start_key IS NOT NULL;
CREATE INDEX sessions_active_idx ON sessions (station_id, evse_id) WHERE status = 'active';
CREATE INDEX sessions_token_active_idx ON sessions (lower(token_uid)) WHERE status = 'active';
CREATE INDEX sessions_driver_idx ON sessions (driver_id, started_at DESC);
CREATE INDEX sessions_started_at_idx ON sessions (started_at DESC);

-- What happened to a session, in the station's time: starts, updates, stops, charging-state
-- changes. 2.x events are unique by seqNo, so a retransmission is stored once.
CREATE TABLE session_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id      uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq_no          integer,
  kind            text NOT NULL,
  trigger_reason  text,
  charging_state  text,
  offline         boolean NOT NULL DEFAULT false,
  at              timestamptz NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX session_events_seq_key ON session_events (session_id, seq_no) WHERE seq_no IS NOT NULL;
CREATE INDEX session_events_session_at_idx ON session_events (session_id, at);

-- Meter readings, one row per sampled value. A retransmitted reading is stored once.
CREATE TABLE meter_samples (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id   text NOT NULL,
  evse_id      integer NOT NULL,
  session_id   uuid REFERENCES sessions(id) ON DELETE CASCADE,
  at           timestamptz NOT NULL,
  measurand    text NOT NULL,
  phase        text NOT NULL DEFAULT '',
  location     text NOT NULL DEFAULT '',
  context      text,
  -- The value in the base unit (Wh, W, A, V, %, ...) as an exact decimal
  value        numeric NOT NULL,
  unit         text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT meter_samples_dedup_key UNIQUE NULLS NOT DISTINCT (station_id, evse_id, session_id, at, measurand, phase, location)
);
CREATE INDEX meter_samples_session_at_idx ON meter_samples (session_id, at);
