import type { Decision } from '../../authorization/index.ts';
import type { IdTokenInfoType } from './types.gen.ts';

/** A decision in 2.x terms (the statuses are the same names). */
export function idTokenInfo(d: Decision): IdTokenInfoType {
  const info: IdTokenInfoType = { status: d.status };
  if (d.token?.expiresAt) info.cacheExpiryDateTime = d.token.expiresAt.toISOString();
  if (d.token?.groupId) info.groupIdToken = { idToken: d.token.groupId, type: 'Central' };
  return info;
}
