/** Uptime exclusions and the rollups reports read (migrations/0009). */
import { bigint, boolean, date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

const ms = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const uptimeExclusions = pgTable('uptime_exclusions', {
  id: uuid('id').primaryKey().defaultRandom(),
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id'),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  reason: text('reason').notNull(),
  note: text('note'),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const reportConnectorHours = pgTable(
  'report_connector_hours',
  {
    stationId: text('station_id').notNull(),
    evseId: integer('evse_id').notNull(),
    connectorId: integer('connector_id').notNull(),
    hour: ts('hour').notNull(),
    energyWh: ms('energy_wh'),
    sessions: integer('sessions').notNull().default(0),
    occupiedMs: ms('occupied_ms'),
    chargingMs: ms('charging_ms'),
    offlineMs: ms('offline_ms'),
    faultedMs: ms('faulted_ms'),
    unavailableMs: ms('unavailable_ms'),
    outageMs: ms('outage_ms'),
    excludedMs: ms('excluded_ms'),
  },
  (t) => [primaryKey({ name: 'report_connector_hours_pkey', columns: [t.stationId, t.evseId, t.connectorId, t.hour] })],
);

export const reportConnectorDays = pgTable(
  'report_connector_days',
  {
    stationId: text('station_id').notNull(),
    evseId: integer('evse_id').notNull(),
    connectorId: integer('connector_id').notNull(),
    day: date('day').notNull(),
    energyWh: ms('energy_wh'),
    sessions: integer('sessions').notNull(),
    occupiedMs: ms('occupied_ms'),
    chargingMs: ms('charging_ms'),
    offlineMs: ms('offline_ms'),
    faultedMs: ms('faulted_ms'),
    unavailableMs: ms('unavailable_ms'),
    outageMs: ms('outage_ms'),
    excludedMs: ms('excluded_ms'),
  },
  (t) => [primaryKey({ name: 'report_connector_days_pkey', columns: [t.stationId, t.evseId, t.connectorId, t.day] })],
);

export const reportFaultHours = pgTable(
  'report_fault_hours',
  {
    stationId: text('station_id').notNull(),
    evseId: integer('evse_id').notNull(),
    connectorId: integer('connector_id').notNull(),
    hour: ts('hour').notNull(),
    errorCode: text('error_code').notNull(),
    faults: integer('faults').notNull().default(0),
    faultedMs: ms('faulted_ms'),
  },
  (t) => [primaryKey({ name: 'report_fault_hours_pkey', columns: [t.stationId, t.evseId, t.connectorId, t.hour, t.errorCode] })],
);

export const reportNetworkHours = pgTable('report_network_hours', {
  hour: ts('hour').primaryKey(),
  energyWh: bigint('energy_wh', { mode: 'number' }).notNull(),
  sessions: integer('sessions').notNull(),
  occupiedMs: bigint('occupied_ms', { mode: 'number' }).notNull(),
  chargingMs: bigint('charging_ms', { mode: 'number' }).notNull(),
  outageMs: bigint('outage_ms', { mode: 'number' }).notNull(),
  excludedMs: bigint('excluded_ms', { mode: 'number' }).notNull(),
});

export const reportSessions = pgTable('report_sessions', {
  sessionId: uuid('session_id').primaryKey(),
  stationId: text('station_id').notNull(),
  evseId: integer('evse_id').notNull(),
  connectorId: integer('connector_id').notNull(),
  status: text('status').notNull(),
  startedAt: ts('started_at').notNull(),
  endedAt: ts('ended_at'),
  energyWh: bigint('energy_wh', { mode: 'number' }).notNull(),
  durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
  chargingMs: bigint('charging_ms', { mode: 'number' }).notNull(),
  maxPowerW: bigint('max_power_w', { mode: 'number' }),
  tokenUid: text('token_uid'),
  driverId: uuid('driver_id'),
  tariffId: uuid('tariff_id'),
  paymentMode: text('payment_mode'),
  currency: text('currency'),
  totalExclMinor: bigint('total_excl_minor', { mode: 'bigint' }),
  totalVatMinor: bigint('total_vat_minor', { mode: 'bigint' }),
  totalInclMinor: bigint('total_incl_minor', { mode: 'bigint' }),
  priced: boolean('priced').notNull().default(false),
});

export const reportMarks = pgTable('report_marks', {
  name: text('name').primaryKey(),
  idMark: bigint('id_mark', { mode: 'number' }),
  atMark: ts('at_mark'),
  textMark: text('text_mark'),
});

export const reportDirty = pgTable('report_dirty', {
  stationId: text('station_id').primaryKey(),
  since: ts('since').notNull(),
});
