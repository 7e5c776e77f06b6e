/** Payment records: card holds and charges, wallet debits, with their retry schedule. */
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { payments } from '../../db/schema/index.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

export function createPaymentRepo(db: Db) {
  return {
    insert: async (p: NewPayment) => (await db.insert(payments).values(p).returning())[0]!,
    async update(id: string, patch: Partial<NewPayment>): Promise<PaymentRow> {
      const [row] = await db.update(payments).set({ ...patch, updatedAt: sql`now()` }).where(eq(payments.id, id)).returning();
      return row!;
    },
    byId: async (id: string) => (await db.select().from(payments).where(eq(payments.id, id)))[0] ?? null,
    byIntent: async (intent: string) => (await db.select().from(payments).where(eq(payments.stripePaymentIntent, intent)))[0] ?? null,
    /** The hold or charge of a session (the first one: the hold). */
    forSession: async (sessionId: string) =>
      (await db.select().from(payments).where(and(eq(payments.sessionId, sessionId), eq(payments.purpose, 'session'))).orderBy(payments.createdAt).limit(1))[0] ?? null,
    ofSession: (sessionId: string) => db.select().from(payments).where(eq(payments.sessionId, sessionId)).orderBy(payments.createdAt),
    ofInvoice: (invoiceId: string) => db.select().from(payments).where(eq(payments.invoiceId, invoiceId)).orderBy(payments.createdAt),
    dueRetries: (now: Date) => db.select().from(payments).where(and(eq(payments.status, 'failed'), lte(payments.nextAttemptAt, now))),
    list: (f: { accountId?: string | undefined; limit: number; offset: number }) =>
      db
        .select()
        .from(payments)
        .where(f.accountId ? eq(payments.accountId, f.accountId) : undefined)
        .orderBy(desc(payments.createdAt))
        .limit(f.limit)
        .offset(f.offset),
  };
}

export type PaymentRepo = ReturnType<typeof createPaymentRepo>;
