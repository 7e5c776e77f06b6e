-- Reports: rollups the reports capability derives from stations', sessions' and billing's
-- records (which it only reads), and the uptime exclusions operators record.
-- Rollups are a pure function of those records: any slice can be deleted and rebuilt.

-- Time a port was down for reasons NEVI lets an operator exclude (23 CFR 680.116(b)(4)):
-- scheduled maintenance, utility or network interruptions, vandalism, natural disasters, ...
CREATE TABLE uptime_exclusions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  station_id  text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  -- NULL: every EVSE of the station
  evse_id     integer,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  reason      text NOT NULL CONSTRAINT uptime_exclusions_reason_check CHECK (reason IN (
                'scheduled_maintenance', 'utility_interruption', 'network_interruption', 'vehicle_fault',
                'vandalism', 'natural_disaster', 'outside_hours', 'other')),
  note        text,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uptime_exclusions_period_check CHECK (ends_at > starts_at)
);
CREATE INDEX uptime_exclusions_station_idx ON uptime_exclusions (station_id, starts_at);

-- Per port (station, EVSE, connector) and UTC hour; a row only where something happened
-- (an hour fully available and idle has none). Durations in ms, energy in whole Wh.
CREATE TABLE report_connector_hours (
  station_id      text NOT NULL,
  evse_id         integer NOT NULL,
  connector_id    integer NOT NULL,
  hour            timestamptz NOT NULL,
  energy_wh       bigint NOT NULL DEFAULT 0,
  sessions        integer NOT NULL DEFAULT 0,
  occupied_ms     bigint NOT NULL DEFAULT 0,
  charging_ms     bigint NOT NULL DEFAULT 0,
  -- Not available to drivers: offline, or Faulted, or Unavailable (outage = their union)
  offline_ms      bigint NOT NULL DEFAULT 0,
  faulted_ms      bigint NOT NULL DEFAULT 0,
  unavailable_ms  bigint NOT NULL DEFAULT 0,
  outage_ms       bigint NOT NULL DEFAULT 0,
  -- The part of outage_ms inside an uptime exclusion
  excluded_ms     bigint NOT NULL DEFAULT 0,
  CONSTRAINT report_connector_hours_pkey PRIMARY KEY (station_id, evse_id, connector_id, hour)
);
CREATE INDEX report_connector_hours_hour_idx ON report_connector_hours (hour);
-- Uptime reads only the rare hours with an outage.
CREATE INDEX report_connector_hours_outage_idx ON report_connector_hours (hour, station_id) WHERE outage_ms > 0;

-- The same per port and local day in the operator's time zone (TIME_ZONE, kept in
-- report_marks 'day_zone'), for long ranges grouped by day, week or month, or not at all.
CREATE TABLE report_connector_days (
  station_id      text NOT NULL,
  evse_id         integer NOT NULL,
  connector_id    integer NOT NULL,
  day             date NOT NULL,
  energy_wh       bigint NOT NULL,
  sessions        integer NOT NULL,
  occupied_ms     bigint NOT NULL,
  charging_ms     bigint NOT NULL,
  offline_ms      bigint NOT NULL,
  faulted_ms      bigint NOT NULL,
  unavailable_ms  bigint NOT NULL,
  outage_ms       bigint NOT NULL,
  excluded_ms     bigint NOT NULL,
  CONSTRAINT report_connector_days_pkey PRIMARY KEY (station_id, evse_id, connector_id, day)
);
CREATE INDEX report_connector_days_day_idx ON report_connector_days (day);

-- Faulted time and fault starts per port, hour and error code ('' when the station gave none).
CREATE TABLE report_fault_hours (
  station_id    text NOT NULL,
  evse_id       integer NOT NULL,
  connector_id  integer NOT NULL,
  hour          timestamptz NOT NULL,
  error_code    text NOT NULL,
  faults        integer NOT NULL DEFAULT 0,
  faulted_ms    bigint NOT NULL DEFAULT 0,
  CONSTRAINT report_fault_hours_pkey PRIMARY KEY (station_id, evse_id, connector_id, hour, error_code)
);
CREATE INDEX report_fault_hours_hour_idx ON report_fault_hours (hour);

-- The whole network per UTC hour (sums of report_connector_hours), for unfiltered series.
CREATE TABLE report_network_hours (
  hour            timestamptz PRIMARY KEY,
  energy_wh       bigint NOT NULL,
  sessions        integer NOT NULL,
  occupied_ms     bigint NOT NULL,
  charging_ms     bigint NOT NULL,
  outage_ms       bigint NOT NULL,
  excluded_ms     bigint NOT NULL
);

-- One row per session: the facts session, statistics, driver and revenue reports read.
CREATE TABLE report_sessions (
  session_id         uuid PRIMARY KEY,
  station_id         text NOT NULL,
  evse_id            integer NOT NULL,
  connector_id       integer NOT NULL,
  status             text NOT NULL,
  started_at         timestamptz NOT NULL,
  ended_at           timestamptz,
  energy_wh          bigint NOT NULL,
  duration_ms        bigint NOT NULL,
  charging_ms        bigint NOT NULL,
  -- Highest power sampled in the session, W
  max_power_w        bigint,
  token_uid          text,
  driver_id          uuid,
  tariff_id          uuid,
  payment_mode       text,
  currency           text,
  total_excl_minor   bigint,
  total_vat_minor    bigint,
  total_incl_minor   bigint,
  -- Whether the CDR has been seen (revenue is final)
  priced             boolean NOT NULL DEFAULT false
);
CREATE INDEX report_sessions_started_idx ON report_sessions (started_at);
CREATE INDEX report_sessions_station_started_idx ON report_sessions (station_id, started_at);
CREATE INDEX report_sessions_ended_idx ON report_sessions (ended_at) WHERE priced;
CREATE INDEX report_sessions_driver_idx ON report_sessions (driver_id, started_at);
CREATE INDEX report_sessions_unpriced_idx ON report_sessions (ended_at) WHERE NOT priced AND status = 'completed';

-- How far the rollups have read each source (high-water marks) and the refresh frontier.
CREATE TABLE report_marks (
  name       text PRIMARY KEY,
  id_mark    bigint,
  at_mark    timestamptz,
  text_mark  text
);

-- Stations whose rollups must be rebuilt from a time (exclusions changed, a rebuild was asked).
CREATE TABLE report_dirty (
  station_id  text PRIMARY KEY,
  since       timestamptz NOT NULL
);
