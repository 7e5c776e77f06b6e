import type { CommandTranslator } from '../command.ts';
import type { RequestStopTransactionRequest, RequestStopTransactionResponse } from './types.gen.ts';

export const requestStopTransaction: CommandTranslator<'RemoteStop'> = {
  action: 'RequestStopTransaction',
  request: (r): RequestStopTransactionRequest => ({ transactionId: r.transactionId }),
  reply: (p: RequestStopTransactionResponse) => ({ status: p.status }),
};
