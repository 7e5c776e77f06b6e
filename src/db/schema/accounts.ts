/** Operator accounts and API tokens (migrations/0001_foundation.sql). */
import { boolean, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.ts';


export const operators = pgTable('operators', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name'),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastLoginAt: ts('last_login_at'),
});

export const apiTokens = pgTable('api_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  role: text('role').notNull(),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
});
