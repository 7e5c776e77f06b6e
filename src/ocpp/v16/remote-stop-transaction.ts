import type { CommandTranslator } from '../command.ts';
import type { RemoteStopTransactionRequest, RemoteStopTransactionResponse } from './types.gen.ts';

/** OCPP 1.6 5.12: 1.6 transaction ids are integers. */
export const remoteStopTransaction: CommandTranslator<'RemoteStop'> = {
  action: 'RemoteStopTransaction',
  request: (r): RemoteStopTransactionRequest => ({ transactionId: Number(r.transactionId) }),
  reply: (p: RemoteStopTransactionResponse) => ({ status: p.status }),
};
