/** Billing accounts, fleet tokens, saved cards and the wallet ledger. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { billingAccounts, billingAccountTokens, paymentMethods, subscriptionPlans, subscriptions, walletTransactions } from '../../db/schema/index.ts';

export type AccountRow = typeof billingAccounts.$inferSelect;
export type NewAccount = typeof billingAccounts.$inferInsert;
export type PaymentMethodRow = typeof paymentMethods.$inferSelect;
export type WalletRow = typeof walletTransactions.$inferSelect;
export type PlanRow = typeof subscriptionPlans.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export function createAccountRepo(db: Db) {
  return {
    db,
    byId: async (id: string) => (await db.select().from(billingAccounts).where(eq(billingAccounts.id, id)))[0] ?? null,
    byDriver: async (driverId: string) => (await db.select().from(billingAccounts).where(eq(billingAccounts.driverId, driverId)))[0] ?? null,
    list: (limit: number, offset: number) => db.select().from(billingAccounts).orderBy(asc(billingAccounts.createdAt)).limit(limit).offset(offset),

    /** The driver's account, created on first need (one per driver). */
    async ensureDriver(a: NewAccount & { driverId: string }): Promise<AccountRow> {
      await db.insert(billingAccounts).values(a).onConflictDoNothing();
      return (await db.select().from(billingAccounts).where(eq(billingAccounts.driverId, a.driverId)))[0]!;
    },

    create: async (a: NewAccount) => (await db.insert(billingAccounts).values(a).returning())[0]!,

    async update(id: string, patch: Partial<NewAccount>): Promise<AccountRow | null> {
      const [row] = await db.update(billingAccounts).set({ ...patch, updatedAt: sql`now()` }).where(eq(billingAccounts.id, id)).returning();
      return row ?? null;
    },

    async forToken(uid: string): Promise<AccountRow | null> {
      const [row] = await db
        .select({ a: billingAccounts })
        .from(billingAccountTokens)
        .innerJoin(billingAccounts, eq(billingAccounts.id, billingAccountTokens.accountId))
        .where(sql`lower(${billingAccountTokens.uid}) = lower(${uid})`);
      return row?.a ?? null;
    },

    async assignToken(uid: string, accountId: string): Promise<void> {
      await db.delete(billingAccountTokens).where(sql`lower(${billingAccountTokens.uid}) = lower(${uid})`);
      await db.insert(billingAccountTokens).values({ uid, accountId });
    },

    async unassignToken(uid: string): Promise<boolean> {
      return (await db.delete(billingAccountTokens).where(sql`lower(${billingAccountTokens.uid}) = lower(${uid})`).returning()).length > 0;
    },

    tokensOf: async (accountId: string) => (await db.select({ uid: billingAccountTokens.uid }).from(billingAccountTokens).where(eq(billingAccountTokens.accountId, accountId))).map((r) => r.uid),

    /**
     * Books a wallet movement and moves the balance in one transaction. The same (kind,
     * reference) is booked once: a retried debit for a session changes nothing.
     */
    async book(m: { accountId: string; kind: 'topup' | 'session' | 'refund' | 'adjustment'; amountMinor: bigint; reference: string; note?: string; at: Date }, tx?: Tx): Promise<{ balance: bigint; booked: boolean }> {
      const run = async (t: Tx) => {
        const [acct] = await t.select().from(billingAccounts).where(eq(billingAccounts.id, m.accountId)).for('update');
        if (!acct) throw new Error(`no billing account ${m.accountId}`);
        const balance = acct.walletBalanceMinor + m.amountMinor;
        const inserted = await t
          .insert(walletTransactions)
          .values({ accountId: m.accountId, kind: m.kind, amountMinor: m.amountMinor, balanceAfterMinor: balance, reference: m.reference, note: m.note ?? null, at: m.at })
          .onConflictDoNothing()
          .returning({ id: walletTransactions.id });
        if (inserted.length === 0) return { balance: acct.walletBalanceMinor, booked: false };
        await t.update(billingAccounts).set({ walletBalanceMinor: balance, updatedAt: sql`now()` }).where(eq(billingAccounts.id, m.accountId));
        return { balance, booked: true };
      };
      return tx ? run(tx) : db.transaction(run);
    },

    /**
     * The account and its last wallet movements read from one snapshot, so the balance shown
     * is the one after the newest movement shown, even while a session is being debited.
     */
    walletStatement: (accountId: string, limit: number) =>
      db.transaction(
        async (tx) => {
          const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.id, accountId));
          const entries = await tx.select().from(walletTransactions).where(eq(walletTransactions.accountId, accountId)).orderBy(desc(walletTransactions.id)).limit(limit);
          return account ? { account, entries } : null;
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),

    methods: (accountId: string) => db.select().from(paymentMethods).where(eq(paymentMethods.accountId, accountId)).orderBy(desc(paymentMethods.isDefault), asc(paymentMethods.createdAt)),
    defaultMethod: async (accountId: string) =>
      (await db.select().from(paymentMethods).where(and(eq(paymentMethods.accountId, accountId), eq(paymentMethods.isDefault, true))))[0] ?? null,

    /** Saves a card and makes it the default. */
    async saveMethod(m: typeof paymentMethods.$inferInsert): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.update(paymentMethods).set({ isDefault: false }).where(eq(paymentMethods.accountId, m.accountId));
        await tx
          .insert(paymentMethods)
          .values({ ...m, isDefault: true })
          .onConflictDoUpdate({ target: paymentMethods.id, set: { isDefault: true, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear } });
      });
    },

    async removeMethod(accountId: string, id: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const gone = await tx.delete(paymentMethods).where(and(eq(paymentMethods.accountId, accountId), eq(paymentMethods.id, id))).returning();
        if (gone[0]?.isDefault) {
          const [next] = await tx.select().from(paymentMethods).where(eq(paymentMethods.accountId, accountId)).orderBy(desc(paymentMethods.createdAt)).limit(1);
          if (next) await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, next.id));
        }
        return gone.length > 0;
      });
    },

    activeSubscription: async (accountId: string) =>
      (await db.select().from(subscriptions).where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.status, 'active'))))[0] ?? null,
    plan: async (id: string) => (await db.select().from(subscriptionPlans).where(eq(subscriptionPlans.id, id)))[0] ?? null,
  };
}

export type AccountRepo = ReturnType<typeof createAccountRepo>;
