/** Drivers, id tokens, authorization decisions and local lists (migrations/0002). */
import { bigint, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

export const drivers = pgTable('drivers', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name'),
  phone: text('phone'),
  passwordHash: text('password_hash'),
  status: text('status').notNull().default('active'),
  blockedReason: text('blocked_reason'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  lastLoginAt: ts('last_login_at'),
});

export const idTokens = pgTable('id_tokens', {
  uid: text('uid').primaryKey(),
  type: text('type').notNull(),
  status: text('status').notNull().default('Accepted'),
  expiresAt: ts('expires_at'),
  groupId: text('group_id'),
  driverId: uuid('driver_id'),
  label: text('label'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const authorizationDecisions = pgTable('authorization_decisions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  stationId: text('station_id').notNull(),
  uid: text('uid').notNull(),
  purpose: text('purpose').notNull(),
  status: text('status').notNull(),
  reason: text('reason'),
  at: ts('at').notNull(),
});

export const localListEntries = pgTable(
  'local_list_entries',
  {
    stationId: text('station_id').notNull(),
    uid: text('uid').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    expiresAt: ts('expires_at'),
    groupId: text('group_id'),
  },
  (t) => [primaryKey({ name: 'local_list_entries_pkey', columns: [t.stationId, t.uid] })],
);

export const localLists = pgTable('local_lists', {
  stationId: text('station_id').primaryKey(),
  version: integer('version').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
