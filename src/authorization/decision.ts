/**
 * Whether a token may charge: a pure rule over what is known about the token, its owner and
 * its other sessions. Expected refusals are values with a reason, never exceptions.
 */
import type { TokenType } from '../commands/index.ts';

export type AuthStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'Unknown' | 'ConcurrentTx' | 'NoCredit';

export interface TokenFacts {
  uid: string;
  type: TokenType;
  status: string;
  expiresAt: Date | null;
  groupId: string | null;
  driverId: string | null;
  driverStatus: string | null;
}

export interface Decision {
  status: AuthStatus;
  /** Why, in a few words, for the log and support. */
  reason: string;
  token: TokenFacts | null;
}

export interface DecisionContext {
  now: Date;
  /** The token already charges in another session. */
  activeElsewhere: boolean;
  /** Whether one token may charge in several sessions at once. */
  allowConcurrent: boolean;
}

export function decide(token: TokenFacts | null, ctx: DecisionContext): Decision {
  if (!token) return { status: 'Unknown', reason: 'token not registered', token: null };
  if (token.status === 'Blocked') return { status: 'Blocked', reason: 'token blocked', token };
  if (token.driverStatus === 'blocked') return { status: 'Blocked', reason: 'driver blocked', token };
  if (token.status === 'Expired' || (token.expiresAt && token.expiresAt <= ctx.now)) return { status: 'Expired', reason: 'token expired', token };
  if (token.status === 'Invalid') return { status: 'Invalid', reason: 'token invalid', token };
  if (ctx.activeElsewhere && !ctx.allowConcurrent) return { status: 'ConcurrentTx', reason: 'token already charging elsewhere', token };
  return { status: 'Accepted', reason: 'ok', token };
}
