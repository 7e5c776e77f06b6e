/** Typed views of the tables created by migrations/0001_foundation.sql. The SQL is the truth; test/db-schema.test.ts checks they agree. */
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';


export const stations = pgTable('stations', {
  id: text('id').primaryKey(),
  name: text('name'),
  passwordHash: text('password_hash'),
  securityProfile: smallint('security_profile').notNull().default(0),
  ocppVersion: text('ocpp_version').notNull().default('1.6'),
  connected: boolean('connected').notNull().default(false),
  connectedNode: text('connected_node'),
  connectedAt: ts('connected_at'),
  disconnectedAt: ts('disconnected_at'),
  lastSeenAt: ts('last_seen_at'),
  vendor: text('vendor'),
  model: text('model'),
  serialNumber: text('serial_number'),
  firmwareVersion: text('firmware_version'),
  iccid: text('iccid'),
  imsi: text('imsi'),
  meterType: text('meter_type'),
  meterSerialNumber: text('meter_serial_number'),
  lastBootAt: ts('last_boot_at'),
  lastBootReason: text('last_boot_reason'),
  bootCount: integer('boot_count').notNull().default(0),
  stationStatus: text('station_status'),
  siteId: uuid('site_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The columns a connector's current status and its history share. */
const statusColumns = () => ({
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id').notNull(),
  connectorId: integer('connector_id').notNull(),
  status: text('status').notNull(),
  rawStatus: text('raw_status').notNull(),
  errorCode: text('error_code'),
  vendorErrorCode: text('vendor_error_code'),
  info: text('info'),
});

export const connectors = pgTable(
  'connectors',
  {
    ...statusColumns(),
    statusAt: ts('status_at').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'connectors_pkey', columns: [t.stationId, t.evseId, t.connectorId] })],
);

export const connectorStatusEvents = pgTable('connector_status_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ...statusColumns(),
  at: ts('at').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
});

export const stationPresenceEvents = pgTable('station_presence_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  stationId: text('station_id').notNull(),
  connected: boolean('connected').notNull(),
  node: text('node'),
  reason: text('reason'),
  at: ts('at').notNull(),
});

export const connectionAttempts = pgTable(
  'connection_attempts',
  {
    stationId: text('station_id').notNull(),
    reason: text('reason').notNull(),
    attempts: integer('attempts').notNull().default(1),
    lastAddress: text('last_address'),
    subprotocols: text('subprotocols'),
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
  },
  (t) => [primaryKey({ name: 'connection_attempts_pkey', columns: [t.stationId, t.reason] })],
);

export const ocppMessages = pgTable('ocpp_messages', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  stationId: text('station_id').notNull(),
  direction: text('direction').notNull(),
  messageType: smallint('message_type').notNull(),
  messageId: text('message_id').notNull(),
  action: text('action'),
  payload: jsonb('payload'),
  errorCode: text('error_code'),
  at: ts('at').notNull(),
});
