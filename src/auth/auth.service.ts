/**
 * Sign-in and bearer tokens. Accounts live in their own capabilities (operators, later
 * drivers); each registers an AccountSource, and a token remembers which kind it was issued to.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../log.ts';
import { fail, ok, type Result } from '../result.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Principal, Role } from './permissions.ts';
import { createTokenRepo } from './token.repo.ts';

export interface Account {
  id: string;
  email: string;
  passwordHash: string | null;
  role: Role;
  disabled: boolean;
}

export interface AccountSource {
  type: Principal['type'];
  findByEmail(email: string): Promise<Account | null>;
  findById(id: string): Promise<Account | null>;
  /** Called after a successful sign-in. */
  touchLogin?(id: string, at: Date): Promise<void>;
}

export interface AuthDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  tokenTtlHours: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A hash to verify against when no account matches, so an unknown email takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16)));

export function createAuthService(deps: AuthDeps) {
  const tokens = createTokenRepo(deps.db);
  const sources = new Map<Principal['type'], AccountSource>();

  async function issue(type: Principal['type'], account: Account): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + deps.tokenTtlHours * 3_600_000);
    await tokens.insert({ tokenHash: sha256(token), subjectType: type, subjectId: account.id, role: account.role, createdAt: now, expiresAt });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  return {
    addSource(source: AccountSource): void {
      sources.set(source.type, source);
    },

    /** Operators are looked up first, then drivers: an email belongs to one kind of account. */
    async login(email: string, password: string): Promise<Result<{ token: string; expiresAt: string; principal: Principal }>> {
      for (const type of ['operator', 'driver'] as const) {
        const source = sources.get(type);
        const account = await source?.findByEmail(email);
        if (!source || !account) continue;
        const good = account.passwordHash !== null && (await verifyPassword(password, account.passwordHash));
        if (!good || account.disabled) {
          deps.log.info({ email, type, disabled: account.disabled }, 'sign-in refused');
          return fail('INVALID_CREDENTIALS', account.disabled && good ? 'This account is blocked.' : undefined);
        }
        await source.touchLogin?.(account.id, deps.clock.now());
        const issued = await issue(type, account);
        return ok({ ...issued, principal: { type, id: account.id, role: account.role, email: account.email } });
      }
      await verifyPassword(password, await dummy());
      return fail('INVALID_CREDENTIALS');
    },

    /** Issues a token for an account that just registered (drivers' self-registration). */
    issueFor: (type: Principal['type'], account: Account) => issue(type, account),

    /** The principal behind a bearer token, or null when it is unknown, expired or its account blocked. */
    async authenticate(token: string): Promise<Principal | null> {
      if (token.length < 20 || token.length > 200) return null;
      const row = await tokens.findValid(sha256(token), deps.clock.now());
      if (!row) return null;
      const type = row.subjectType as Principal['type'];
      const account = await sources.get(type)?.findById(row.subjectId);
      if (!account || account.disabled) return null;
      return { type, id: account.id, role: account.role, email: account.email };
    },

    logout: (token: string) => tokens.remove(sha256(token)),

    /** Ends every session of an account (blocked, deleted or password changed). */
    revokeAll: (type: Principal['type'], id: string) => tokens.removeForSubject(type, id),

    removeExpired: () => tokens.removeExpired(deps.clock.now()),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
