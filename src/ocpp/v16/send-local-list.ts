import type { LocalListEntry } from '../../commands/index.ts';
import type { CommandTranslator } from '../command.ts';
import type { SendLocalListRequest, SendLocalListResponse } from './types.gen.ts';

type Entry = NonNullable<SendLocalListRequest['localAuthorizationList']>[number];

function entry(e: LocalListEntry): Entry {
  if (!e.info) return { idTag: e.uid };
  return {
    idTag: e.uid,
    idTagInfo: {
      status: e.info.status,
      ...(e.info.expiresAt ? { expiryDate: e.info.expiresAt } : {}),
      ...(e.info.groupId ? { parentIdTag: e.info.groupId } : {}),
    },
  };
}

/** OCPP 1.6 5.15: an entry without idTagInfo removes the idTag (differential); a full update without a list empties it. */
export const sendLocalList: CommandTranslator<'SendLocalList'> = {
  action: 'SendLocalList',
  request: (r): SendLocalListRequest => ({
    listVersion: r.version,
    updateType: r.updateType,
    ...(r.entries.length > 0 ? { localAuthorizationList: r.entries.map(entry) } : {}),
  }),
  reply: (p: SendLocalListResponse) => ({ status: p.status }),
};
