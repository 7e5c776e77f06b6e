import type { Decision } from '../../authorization/index.ts';
import type { AuthorizeResponse } from './types.gen.ts';

type IdTagInfo = AuthorizeResponse['idTagInfo'];

/** A decision in 1.6 terms: 1.6 has no Unknown (Invalid is "unknown") and no NoCredit (Blocked: not allowed to charge). */
export function idTagInfo(d: Decision): IdTagInfo {
  const status: IdTagInfo['status'] =
    d.status === 'Unknown' ? 'Invalid' : d.status === 'NoCredit' ? 'Blocked' : d.status;
  const info: IdTagInfo = { status };
  if (d.token?.expiresAt) info.expiryDate = d.token.expiresAt.toISOString();
  if (d.token?.groupId && d.token.groupId.length <= 20) info.parentIdTag = d.token.groupId;
  return info;
}
