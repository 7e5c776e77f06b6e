/** OCPP 2.1: how each domain command is sent. A command not listed is not available in 2.1. */
import type { CommandTable } from '../command.ts';
import { clearCache } from './clear-cache.ts';
import { costUpdated } from './cost-updated.ts';
import { getLocalListVersion } from './get-local-list-version.ts';
import { requestStartTransaction } from './request-start-transaction.ts';
import { requestStopTransaction } from './request-stop-transaction.ts';
import { sendLocalList } from './send-local-list.ts';

export const commands: CommandTable = {
  RemoteStart: requestStartTransaction,
  RemoteStop: requestStopTransaction,
  SendLocalList: sendLocalList,
  GetLocalListVersion: getLocalListVersion,
  ClearCache: clearCache,
  CostUpdated: costUpdated,
};
