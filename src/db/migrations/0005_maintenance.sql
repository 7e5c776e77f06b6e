-- Maintenance: the command audit log, stored files (diagnostics and firmware), log uploads,
-- firmware images, updates and campaigns, security events, 2.x device events, the device
-- model inventory and monitors, reservations, boots, and alerts with their notifications.

-- Request ids the CSMS gives GetLog, GetBaseReport, GetMonitoringReport and UpdateFirmware
-- (and reservation ids): one sequence, so an id names one request across all of them.
CREATE SEQUENCE maintenance_request_id_seq AS integer START WITH 1000;

-- Every command sent to a station, from the API (typed or raw) or a job: who, what, when, result.
CREATE TABLE command_audit (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL,
  -- operator:<uuid>, driver:<uuid>, or system:<job>
  actor          text NOT NULL,
  actor_email    text,
  station_id     text NOT NULL,
  -- the domain command (Reset, UnlockConnector, ...) or, for raw calls, the OCPP action
  command        text NOT NULL,
  raw            boolean NOT NULL DEFAULT false,
  request        jsonb,
  -- ok, offline, timeout, error, unsupported, invalid
  outcome        text NOT NULL,
  -- the station's status field when its reply has one
  status         text,
  reply          jsonb,
  error_code     text,
  error_message  text,
  duration_ms    integer NOT NULL
);
CREATE INDEX command_audit_station_at_idx ON command_audit (station_id, at DESC);
CREATE INDEX command_audit_at_idx ON command_audit (at DESC);

-- Files Straumur keeps (uploaded diagnostics, firmware images), in chunks of at most 512 KiB,
-- so every node of a cluster can serve them and no file is ever held in memory whole.
CREATE TABLE stored_files (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CONSTRAINT stored_files_kind_check CHECK (kind IN ('diagnostics', 'firmware')),
  file_name     text NOT NULL,
  content_type  text,
  size_bytes    bigint NOT NULL DEFAULT 0,
  sha256        text,
  -- false while chunks are being written; incomplete files are never served
  complete      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL
);
CREATE TABLE stored_file_chunks (
  file_id  uuid NOT NULL REFERENCES stored_files(id) ON DELETE CASCADE,
  seq      integer NOT NULL,
  data     bytea NOT NULL,
  CONSTRAINT stored_file_chunks_pkey PRIMARY KEY (file_id, seq)
);

-- Diagnostics and log uploads (1.6 GetDiagnostics, 2.x GetLog) and where they stand.
CREATE TABLE log_uploads (
  -- the GetLog requestId (1.6 GetDiagnostics carries none)
  id              integer PRIMARY KEY,
  station_id      text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  log_type        text NOT NULL CONSTRAINT log_uploads_log_type_check CHECK (log_type IN ('Diagnostics', 'Security')),
  protocol        text NOT NULL CONSTRAINT log_uploads_protocol_check CHECK (protocol IN ('http', 'ftp')),
  -- SHA-256 of the one-time upload token
  token_hash      text NOT NULL CONSTRAINT log_uploads_token_hash_key UNIQUE,
  -- Requested, Accepted, Rejected, Uploading, Uploaded, UploadFailed, ..., Received, Failed, Expired
  status          text NOT NULL,
  status_at       timestamptz NOT NULL,
  -- open until a file arrives, the station reports failure, or the token expires
  done            boolean NOT NULL DEFAULT false,
  failed          boolean NOT NULL DEFAULT false,
  station_file_name text,
  file_id         uuid REFERENCES stored_files(id) ON DELETE SET NULL,
  requested_by    text NOT NULL,
  requested_at    timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  received_at     timestamptz
);
CREATE INDEX log_uploads_station_idx ON log_uploads (station_id, requested_at DESC);

CREATE TABLE firmware_images (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version              text NOT NULL,
  vendor               text,
  model                text,
  file_id              uuid NOT NULL REFERENCES stored_files(id),
  -- part of the download URL stations get; unguessable, reusable for retries
  download_token       text NOT NULL CONSTRAINT firmware_images_download_token_key UNIQUE,
  signing_certificate  text,
  signature            text,
  created_by           text NOT NULL,
  created_at           timestamptz NOT NULL
);

CREATE TABLE firmware_campaigns (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name               text NOT NULL,
  image_id           uuid NOT NULL REFERENCES firmware_images(id),
  status             text NOT NULL CONSTRAINT firmware_campaigns_status_check CHECK (status IN ('running', 'paused', 'halted', 'completed', 'cancelled')),
  -- stations updating at once
  concurrency        integer NOT NULL,
  -- UpdateFirmware attempts per station before it counts as failed
  max_attempts       integer NOT NULL,
  -- failed stations that halt the campaign
  failure_threshold  integer NOT NULL,
  retry_delay_sec    integer NOT NULL,
  -- how long an attempt may go without reaching Installed or a failure
  attempt_timeout_sec integer NOT NULL,
  install_at         timestamptz,
  halted_reason      text,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL,
  finished_at        timestamptz
);

CREATE TABLE firmware_campaign_targets (
  campaign_id      uuid NOT NULL REFERENCES firmware_campaigns(id) ON DELETE CASCADE,
  station_id       text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  status           text NOT NULL CONSTRAINT firmware_campaign_targets_status_check CHECK (status IN ('pending', 'in-progress', 'installed', 'failed', 'cancelled')),
  attempts         integer NOT NULL DEFAULT 0,
  update_id        integer,
  last_status      text,
  last_error       text,
  next_attempt_at  timestamptz,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT firmware_campaign_targets_pkey PRIMARY KEY (campaign_id, station_id)
);
CREATE INDEX firmware_campaign_targets_station_idx ON firmware_campaign_targets (station_id);

-- One row per UpdateFirmware sent; FirmwareStatusNotification moves it.
CREATE TABLE firmware_updates (
  -- the 2.x / signed requestId (1.6 UpdateFirmware carries none)
  id             integer PRIMARY KEY,
  station_id     text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  image_id       uuid REFERENCES firmware_images(id) ON DELETE SET NULL,
  campaign_id    uuid REFERENCES firmware_campaigns(id) ON DELETE SET NULL,
  location       text NOT NULL,
  status         text NOT NULL,
  status_at      timestamptz NOT NULL,
  -- null while under way; installed or failed at the end
  outcome        text CONSTRAINT firmware_updates_outcome_check CHECK (outcome IN ('installed', 'failed')),
  requested_by   text NOT NULL,
  requested_at   timestamptz NOT NULL,
  finished_at    timestamptz
);
CREATE INDEX firmware_updates_station_idx ON firmware_updates (station_id, requested_at DESC);

CREATE TABLE security_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id   text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  type         text NOT NULL,
  tech_info    text,
  critical     boolean NOT NULL DEFAULT false,
  at           timestamptz NOT NULL,
  received_at  timestamptz NOT NULL
);
CREATE INDEX security_events_station_at_idx ON security_events (station_id, at DESC);
CREATE INDEX security_events_at_idx ON security_events (at DESC);

-- 2.x NotifyEvent: what a station's monitors and hard-wired notifications report.
CREATE TABLE device_events (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id          text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  event_id            integer NOT NULL,
  trigger             text NOT NULL,
  cause               integer,
  actual_value        text NOT NULL,
  tech_code           text,
  tech_info           text,
  cleared             boolean NOT NULL DEFAULT false,
  transaction_id      text,
  monitor_id          integer,
  notification_type   text NOT NULL,
  component           text NOT NULL,
  component_instance  text,
  evse_id             integer,
  connector_id        integer,
  variable            text NOT NULL,
  variable_instance   text,
  at                  timestamptz NOT NULL,
  received_at         timestamptz NOT NULL
);
CREATE INDEX device_events_station_at_idx ON device_events (station_id, at DESC);

-- The device model inventory: 2.x NotifyReport and Get/SetVariables, 1.6 configuration keys
-- (component NULL). `key` identifies (component, instance, evse, connector, variable,
-- instance, attribute) in one column so it can be the primary key.
CREATE TABLE device_model_variables (
  station_id          text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  key                 text NOT NULL,
  component           text,
  component_instance  text,
  evse_id             integer,
  connector_id        integer,
  variable            text NOT NULL,
  variable_instance   text,
  attribute           text NOT NULL DEFAULT 'Actual',
  value               text,
  mutability          text,
  persistent          boolean,
  constant            boolean,
  data_type           text,
  unit                text,
  min_limit           numeric,
  max_limit           numeric,
  values_list         text,
  supports_monitoring boolean,
  -- report, get or set: how the value was learnt
  source              text NOT NULL,
  updated_at          timestamptz NOT NULL,
  CONSTRAINT device_model_variables_pkey PRIMARY KEY (station_id, key)
);

CREATE TABLE device_model_reports (
  request_id    integer PRIMARY KEY,
  station_id    text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  kind          text NOT NULL,
  status        text NOT NULL,
  parts         integer NOT NULL DEFAULT 0,
  items         integer NOT NULL DEFAULT 0,
  requested_by  text NOT NULL,
  requested_at  timestamptz NOT NULL,
  completed_at  timestamptz
);
CREATE INDEX device_model_reports_station_idx ON device_model_reports (station_id, requested_at DESC);

CREATE TABLE variable_monitors (
  station_id  text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  monitor_id  integer NOT NULL,
  variable_key text NOT NULL,
  component   text NOT NULL,
  variable    text NOT NULL,
  type        text NOT NULL,
  severity    integer NOT NULL,
  value       numeric NOT NULL,
  transaction boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT variable_monitors_pkey PRIMARY KEY (station_id, monitor_id)
);

CREATE TABLE reservations (
  id          integer PRIMARY KEY,
  station_id  text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  evse_id     integer,
  token_uid   text NOT NULL,
  token_type  text NOT NULL,
  group_id    text,
  expires_at  timestamptz NOT NULL,
  -- Requested, then the station's answer (Accepted, Rejected, Occupied, Faulted, Unavailable),
  -- then Cancelled, Expired, Removed or Used; Failed when the command did not reach it
  status      text NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX reservations_station_idx ON reservations (station_id, created_at DESC);
CREATE INDEX reservations_open_idx ON reservations (expires_at) WHERE status = 'Accepted';

-- Every BootNotification, for the repeated-reboots alert.
CREATE TABLE station_boots (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id  text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  reason      text,
  at          timestamptz NOT NULL
);
CREATE INDEX station_boots_station_at_idx ON station_boots (station_id, at DESC);

CREATE TABLE alerts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type             text NOT NULL,
  station_id       text NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  -- what on the station (EVSE/connector, session id); '' for the station itself
  subject          text NOT NULL DEFAULT '',
  severity         text NOT NULL CONSTRAINT alerts_severity_check CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
  status           text NOT NULL CONSTRAINT alerts_status_check CHECK (status IN ('open', 'acknowledged', 'resolved')),
  message          text NOT NULL,
  details          jsonb NOT NULL DEFAULT '{}',
  opened_at        timestamptz NOT NULL,
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  resolved_at      timestamptz,
  resolution       text
);
-- At most one unresolved alert per condition: opening twice (two nodes, a retried event) is a no-op.
CREATE UNIQUE INDEX alerts_active_key ON alerts (type, station_id, subject) WHERE status <> 'resolved';
CREATE INDEX alerts_status_opened_idx ON alerts (status, opened_at DESC);
CREATE INDEX alerts_station_idx ON alerts (station_id, opened_at DESC);

-- The notification outbox: one row per (alert change, channel), sent by a job.
CREATE TABLE alert_notifications (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    uuid NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  event       text NOT NULL CONSTRAINT alert_notifications_event_check CHECK (event IN ('opened', 'resolved')),
  channel     text NOT NULL CONSTRAINT alert_notifications_channel_check CHECK (channel IN ('webhook', 'email')),
  created_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  next_at     timestamptz NOT NULL,
  sent_at     timestamptz,
  -- sent as part of a digest (id of the digest's first row), or given up
  digest      boolean NOT NULL DEFAULT false,
  gave_up     boolean NOT NULL DEFAULT false,
  last_error  text
);
CREATE INDEX alert_notifications_pending_idx ON alert_notifications (next_at) WHERE sent_at IS NULL AND gave_up = false;
