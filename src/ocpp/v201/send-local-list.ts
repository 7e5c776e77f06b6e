import type { LocalListEntry } from '../../commands/index.ts';
import type { CommandTranslator } from '../command.ts';
import type { AuthorizationData, SendLocalListRequest, SendLocalListResponse } from './types.gen.ts';

function entry(e: LocalListEntry): AuthorizationData {
  if (!e.info) return { idToken: { idToken: e.uid, type: e.type } };
  return {
    idToken: { idToken: e.uid, type: e.type },
    idTokenInfo: {
      status: e.info.status,
      ...(e.info.expiresAt ? { cacheExpiryDateTime: e.info.expiresAt } : {}),
      ...(e.info.groupId ? { groupIdToken: { idToken: e.info.groupId, type: 'Central' as const } } : {}),
    },
  };
}

/**
 * OCPP 2.0.1 D01: versionNumber > 0; an entry without idTokenInfo removes the token
 * (D01.FR.17). An empty list is sent as no list: the schema wants at least one entry when present.
 */
export const sendLocalList: CommandTranslator<'SendLocalList'> = {
  action: 'SendLocalList',
  request: (r): SendLocalListRequest => {
    const [first, ...rest] = r.entries.map(entry);
    return { versionNumber: r.version, updateType: r.updateType, ...(first ? { localAuthorizationList: [first, ...rest] } : {}) };
  },
  reply: (p: SendLocalListResponse) => ({ status: p.status }),
};
