/** OCPP 1.6: how each domain command is sent. A command not listed is not available in 1.6. */
import type { CommandTable } from '../command.ts';
import { clearCache } from './clear-cache.ts';
import { getLocalListVersion } from './get-local-list-version.ts';
import { remoteStartTransaction } from './remote-start-transaction.ts';
import { remoteStopTransaction } from './remote-stop-transaction.ts';
import { sendLocalList } from './send-local-list.ts';

export const commands: CommandTable = {
  RemoteStart: remoteStartTransaction,
  RemoteStop: remoteStopTransaction,
  SendLocalList: sendLocalList,
  GetLocalListVersion: getLocalListVersion,
  ClearCache: clearCache,
};
