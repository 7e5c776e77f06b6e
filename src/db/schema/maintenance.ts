/** Maintenance: audit, files, log uploads, firmware, security and device events, device model, reservations, alerts (migrations/0005). */
import { bigint, boolean, customType, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

/** bytea as a Buffer (pg) or Uint8Array (PGlite); read back as a Buffer either way. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const commandAudit = pgTable('command_audit', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: ts('at').notNull(),
  actor: text('actor').notNull(),
  actorEmail: text('actor_email'),
  stationId: text('station_id').notNull(),
  command: text('command').notNull(),
  raw: boolean('raw').notNull().default(false),
  request: jsonb('request'),
  outcome: text('outcome').notNull(),
  status: text('status'),
  reply: jsonb('reply'),
  errorCode: text('error_code'),
  errorMessage: text('error_message'),
  durationMs: integer('duration_ms').notNull(),
});

export const storedFiles = pgTable('stored_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type'),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
  sha256: text('sha256'),
  complete: boolean('complete').notNull().default(false),
  createdAt: ts('created_at').notNull(),
});

export const storedFileChunks = pgTable(
  'stored_file_chunks',
  {
    fileId: uuid('file_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ name: 'stored_file_chunks_pkey', columns: [t.fileId, t.seq] })],
);

export const logUploads = pgTable('log_uploads', {
  id: integer('id').primaryKey(),
  stationId: text('station_id').notNull(),
  logType: text('log_type').notNull(),
  protocol: text('protocol').notNull(),
  tokenHash: text('token_hash').notNull(),
  status: text('status').notNull(),
  statusAt: ts('status_at').notNull(),
  done: boolean('done').notNull().default(false),
  failed: boolean('failed').notNull().default(false),
  stationFileName: text('station_file_name'),
  fileId: uuid('file_id'),
  requestedBy: text('requested_by').notNull(),
  requestedAt: ts('requested_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  receivedAt: ts('received_at'),
});

export const firmwareImages = pgTable('firmware_images', {
  id: uuid('id').primaryKey().defaultRandom(),
  version: text('version').notNull(),
  vendor: text('vendor'),
  model: text('model'),
  fileId: uuid('file_id').notNull(),
  downloadToken: text('download_token').notNull(),
  signingCertificate: text('signing_certificate'),
  signature: text('signature'),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const firmwareCampaigns = pgTable('firmware_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  imageId: uuid('image_id').notNull(),
  status: text('status').notNull(),
  concurrency: integer('concurrency').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  failureThreshold: integer('failure_threshold').notNull(),
  retryDelaySec: integer('retry_delay_sec').notNull(),
  attemptTimeoutSec: integer('attempt_timeout_sec').notNull(),
  installAt: ts('install_at'),
  haltedReason: text('halted_reason'),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  finishedAt: ts('finished_at'),
});

export const firmwareCampaignTargets = pgTable(
  'firmware_campaign_targets',
  {
    campaignId: uuid('campaign_id').notNull(),
    stationId: text('station_id').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    updateId: integer('update_id'),
    lastStatus: text('last_status'),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ name: 'firmware_campaign_targets_pkey', columns: [t.campaignId, t.stationId] })],
);

export const firmwareUpdates = pgTable('firmware_updates', {
  id: integer('id').primaryKey(),
  stationId: text('station_id').notNull(),
  imageId: uuid('image_id'),
  campaignId: uuid('campaign_id'),
  location: text('location').notNull(),
  status: text('status').notNull(),
  statusAt: ts('status_at').notNull(),
  outcome: text('outcome'),
  requestedBy: text('requested_by').notNull(),
  requestedAt: ts('requested_at').notNull(),
  finishedAt: ts('finished_at'),
});

export const securityEvents = pgTable('security_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  stationId: text('station_id').notNull(),
  type: text('type').notNull(),
  techInfo: text('tech_info'),
  critical: boolean('critical').notNull().default(false),
  at: ts('at').notNull(),
  receivedAt: ts('received_at').notNull(),
});

export const deviceEvents = pgTable('device_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  stationId: text('station_id').notNull(),
  eventId: integer('event_id').notNull(),
  trigger: text('trigger').notNull(),
  cause: integer('cause'),
  actualValue: text('actual_value').notNull(),
  techCode: text('tech_code'),
  techInfo: text('tech_info'),
  cleared: boolean('cleared').notNull().default(false),
  transactionId: text('transaction_id'),
  monitorId: integer('monitor_id'),
  notificationType: text('notification_type').notNull(),
  component: text('component').notNull(),
  componentInstance: text('component_instance'),
  evseId: integer('evse_id'),
  connectorId: integer('connector_id'),
  variable: text('variable').notNull(),
  variableInstance: text('variable_instance'),
  at: ts('at').notNull(),
  receivedAt: ts('received_at').notNull(),
});

export const deviceModelVariables = pgTable(
  'device_model_variables',
  {
    stationId: text('station_id').notNull(),
    key: text('key').notNull(),
    component: text('component'),
    componentInstance: text('component_instance'),
    evseId: integer('evse_id'),
    connectorId: integer('connector_id'),
    variable: text('variable').notNull(),
    variableInstance: text('variable_instance'),
    attribute: text('attribute').notNull().default('Actual'),
    value: text('value'),
    mutability: text('mutability'),
    persistent: boolean('persistent'),
    constant: boolean('constant'),
    dataType: text('data_type'),
    unit: text('unit'),
    minLimit: numeric('min_limit'),
    maxLimit: numeric('max_limit'),
    valuesList: text('values_list'),
    supportsMonitoring: boolean('supports_monitoring'),
    source: text('source').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ name: 'device_model_variables_pkey', columns: [t.stationId, t.key] })],
);

export const deviceModelReports = pgTable('device_model_reports', {
  requestId: integer('request_id').primaryKey(),
  stationId: text('station_id').notNull(),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  parts: integer('parts').notNull().default(0),
  items: integer('items').notNull().default(0),
  requestedBy: text('requested_by').notNull(),
  requestedAt: ts('requested_at').notNull(),
  completedAt: ts('completed_at'),
});

export const variableMonitors = pgTable(
  'variable_monitors',
  {
    stationId: text('station_id').notNull(),
    monitorId: integer('monitor_id').notNull(),
    variableKey: text('variable_key').notNull(),
    component: text('component').notNull(),
    variable: text('variable').notNull(),
    type: text('type').notNull(),
    severity: integer('severity').notNull(),
    value: numeric('value').notNull(),
    transaction: boolean('transaction').notNull().default(false),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ name: 'variable_monitors_pkey', columns: [t.stationId, t.monitorId] })],
);

export const reservations = pgTable('reservations', {
  id: integer('id').primaryKey(),
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id'),
  tokenUid: text('token_uid').notNull(),
  tokenType: text('token_type').notNull(),
  groupId: text('group_id'),
  expiresAt: ts('expires_at').notNull(),
  status: text('status').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const stationBoots = pgTable('station_boots', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  stationId: text('station_id').notNull(),
  reason: text('reason'),
  at: ts('at').notNull(),
});

export const alerts = pgTable('alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  type: text('type').notNull(),
  stationId: text('station_id').notNull(),
  subject: text('subject').notNull().default(''),
  severity: text('severity').notNull(),
  status: text('status').notNull(),
  message: text('message').notNull(),
  details: jsonb('details').notNull().default({}),
  openedAt: ts('opened_at').notNull(),
  acknowledgedAt: ts('acknowledged_at'),
  acknowledgedBy: text('acknowledged_by'),
  resolvedAt: ts('resolved_at'),
  resolution: text('resolution'),
});

export const alertNotifications = pgTable('alert_notifications', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  alertId: uuid('alert_id').notNull(),
  event: text('event').notNull(),
  channel: text('channel').notNull(),
  createdAt: ts('created_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAt: ts('next_at').notNull(),
  sentAt: ts('sent_at'),
  digest: boolean('digest').notNull().default(false),
  gaveUp: boolean('gave_up').notNull().default(false),
  lastError: text('last_error'),
});
