import { bigint, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';

/** Every state-changing request by an operator and every sign-in attempt (0011_audit_log.sql). */
export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: ts('at').notNull(),
  actor: text('actor').notNull(),
  actorEmail: text('actor_email'),
  actorRole: text('actor_role'),
  action: text('action').notNull(),
  target: text('target'),
  status: integer('status').notNull(),
  outcome: text('outcome').notNull(),
  summary: jsonb('summary'),
  address: text('address'),
  requestId: text('request_id'),
});
