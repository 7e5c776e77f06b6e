-- Foundation: stations, their EVSEs and connectors, station authentication, the OCPP
-- message log, operator accounts and API tokens.

CREATE TABLE stations (
  id                 text PRIMARY KEY,
  name               text,
  -- NULL: no password (security profile 0, or 3 with a client certificate only)
  password_hash      text,
  -- 0 = none, 1 = Basic auth on ws or wss, 2 = Basic auth on wss only, 3 = TLS client certificate
  security_profile   smallint NOT NULL DEFAULT 0 CONSTRAINT stations_security_profile_check CHECK (security_profile BETWEEN 0 AND 3),
  -- The version last negotiated, or the one registered for a station that offers no subprotocol.
  ocpp_version       text NOT NULL DEFAULT '1.6' CONSTRAINT stations_ocpp_version_check CHECK (ocpp_version IN ('1.6', '2.0.1', '2.1')),
  connected          boolean NOT NULL DEFAULT false,
  connected_node     text,
  connected_at       timestamptz,
  disconnected_at    timestamptz,
  last_seen_at       timestamptz,
  vendor             text,
  model              text,
  serial_number      text,
  firmware_version   text,
  iccid              text,
  imsi               text,
  meter_type         text,
  meter_serial_number text,
  last_boot_at       timestamptz,
  last_boot_reason   text,
  boot_count         integer NOT NULL DEFAULT 0,
  -- 1.6 connector 0: the status of the charge point as a whole (raw OCPP value)
  station_status     text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE connectors (
  station_id        text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  evse_id           integer NOT NULL,
  connector_id      integer NOT NULL,
  -- Version-neutral: Available, Occupied, Reserved, Unavailable, Faulted
  status            text NOT NULL CONSTRAINT connectors_status_check CHECK (status IN ('Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted')),
  -- As the station sent it (1.6 Preparing, Charging, SuspendedEV, ...)
  raw_status        text NOT NULL,
  error_code        text,
  vendor_error_code text,
  info              text,
  -- The station's own timestamp for the status
  status_at         timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT connectors_pkey PRIMARY KEY (station_id, evse_id, connector_id)
);

-- Every status change, for uptime and fault reports.
CREATE TABLE connector_status_events (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id        text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  evse_id           integer NOT NULL,
  connector_id      integer NOT NULL,
  status            text NOT NULL,
  raw_status        text NOT NULL,
  error_code        text,
  vendor_error_code text,
  info              text,
  at                timestamptz NOT NULL,
  received_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connector_status_events_station_at_idx ON connector_status_events (station_id, at);

-- Connects and disconnects, for uptime and offline alerts.
CREATE TABLE station_presence_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id  text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  connected   boolean NOT NULL,
  node        text,
  reason      text,
  at          timestamptz NOT NULL
);
CREATE INDEX station_presence_events_station_at_idx ON station_presence_events (station_id, at);

-- Refused WebSocket upgrades, one row per (station id, reason), so operators can see who
-- tried to connect and turn an unknown id into a registration.
CREATE TABLE connection_attempts (
  station_id     text NOT NULL,
  reason         text NOT NULL,
  attempts       integer NOT NULL DEFAULT 1,
  last_address   text,
  subprotocols   text,
  first_at       timestamptz NOT NULL,
  last_at        timestamptz NOT NULL,
  CONSTRAINT connection_attempts_pkey PRIMARY KEY (station_id, reason)
);
CREATE INDEX connection_attempts_last_at_idx ON connection_attempts (last_at DESC);

-- Every OCPP frame in and out, per station, kept for MESSAGE_LOG_RETENTION_DAYS.
CREATE TABLE ocpp_messages (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id    text NOT NULL,
  direction     text NOT NULL CONSTRAINT ocpp_messages_direction_check CHECK (direction IN ('in', 'out')),
  message_type  smallint NOT NULL,
  message_id    text NOT NULL,
  action        text,
  payload       jsonb,
  error_code    text,
  at            timestamptz NOT NULL
);
CREATE INDEX ocpp_messages_station_at_idx ON ocpp_messages (station_id, at DESC);
CREATE INDEX ocpp_messages_at_idx ON ocpp_messages (at);

CREATE TABLE operators (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL,
  name           text,
  password_hash  text NOT NULL,
  role           text NOT NULL CONSTRAINT operators_role_check CHECK (role IN ('admin', 'operator', 'viewer')),
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz
);
CREATE UNIQUE INDEX operators_email_key ON operators (lower(email));

-- Bearer tokens for the REST API; only a SHA-256 of the token is stored.
CREATE TABLE api_tokens (
  token_hash    text PRIMARY KEY,
  subject_type  text NOT NULL CONSTRAINT api_tokens_subject_type_check CHECK (subject_type IN ('operator', 'driver')),
  subject_id    uuid NOT NULL,
  role          text NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL
);
CREATE INDEX api_tokens_subject_idx ON api_tokens (subject_type, subject_id);
CREATE INDEX api_tokens_expires_at_idx ON api_tokens (expires_at);
