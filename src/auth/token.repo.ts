/** API bearer tokens; the database holds only their SHA-256. */
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { apiTokens } from '../db/schema/index.ts';

export type TokenRow = typeof apiTokens.$inferSelect;

export function createTokenRepo(db: Db) {
  return {
    async insert(row: TokenRow): Promise<void> {
      await db.insert(apiTokens).values(row);
    },
    async findValid(tokenHash: string, now: Date): Promise<TokenRow | null> {
      const rows = await db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, tokenHash), gt(apiTokens.expiresAt, now)))
        .limit(1);
      return rows[0] ?? null;
    },
    async remove(tokenHash: string): Promise<void> {
      await db.delete(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
    },
    async removeForSubject(subjectType: string, subjectId: string): Promise<void> {
      await db.delete(apiTokens).where(and(eq(apiTokens.subjectType, subjectType), eq(apiTokens.subjectId, subjectId)));
    },
    async removeExpired(now: Date): Promise<void> {
      await db.delete(apiTokens).where(lt(apiTokens.expiresAt, now));
    },
  };
}
