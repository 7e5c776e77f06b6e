/** Charging sessions, their events and meter samples (migrations/0002). */
import { bigint, boolean, integer, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

export const remoteStarts = pgTable('remote_starts', {
  id: integer('id').primaryKey(),
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id'),
  uid: text('uid').notNull(),
  driverId: uuid('driver_id'),
  requestedBy: text('requested_by').notNull(),
  status: text('status'),
  requestedAt: ts('requested_at').notNull(),
});

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id').notNull(),
  connectorId: integer('connector_id').notNull(),
  transactionId: text('transaction_id').notNull(),
  startKey: text('start_key'),
  tokenUid: text('token_uid'),
  tokenType: text('token_type'),
  driverId: uuid('driver_id'),
  authStatus: text('auth_status'),
  remoteStartId: integer('remote_start_id'),
  reservationId: integer('reservation_id'),
  status: text('status').notNull().default('active'),
  startedAt: ts('started_at').notNull(),
  endedAt: ts('ended_at'),
  stopReason: text('stop_reason'),
  endedBy: text('ended_by'),
  meterStartWh: bigint('meter_start_wh', { mode: 'number' }),
  meterStopWh: bigint('meter_stop_wh', { mode: 'number' }),
  energyWh: bigint('energy_wh', { mode: 'number' }).notNull().default(0),
  firstRegisterAt: ts('first_register_at'),
  lastRegisterWh: bigint('last_register_wh', { mode: 'number' }),
  lastRegisterAt: ts('last_register_at'),
  powerW: numeric('power_w'),
  socPercent: numeric('soc_percent'),
  lastSampleAt: ts('last_sample_at'),
  chargingState: text('charging_state'),
  chargingStateAt: ts('charging_state_at'),
  lastSeqNo: integer('last_seq_no'),
  offlineEvents: boolean('offline_events').notNull().default(false),
  reconstructed: boolean('reconstructed').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const sessionEvents = pgTable('session_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  sessionId: uuid('session_id').notNull(),
  seqNo: integer('seq_no'),
  kind: text('kind').notNull(),
  triggerReason: text('trigger_reason'),
  chargingState: text('charging_state'),
  offline: boolean('offline').notNull().default(false),
  at: ts('at').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
});

export const meterSamples = pgTable('meter_samples', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id').notNull(),
  sessionId: uuid('session_id'),
  at: ts('at').notNull(),
  measurand: text('measurand').notNull(),
  phase: text('phase').notNull().default(''),
  location: text('location').notNull().default(''),
  context: text('context'),
  value: numeric('value').notNull(),
  unit: text('unit').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
});
