import type { CommandTranslator } from '../command.ts';
import type { RequestStartTransactionRequest, RequestStartTransactionResponse } from './types.gen.ts';

/** OCPP 2.0.1 F01: remoteStartId comes back in the TransactionEvent that starts the transaction. */
export const requestStartTransaction: CommandTranslator<'RemoteStart'> = {
  action: 'RequestStartTransaction',
  request: (r): RequestStartTransactionRequest => ({
    ...(r.evseId ? { evseId: r.evseId } : {}),
    remoteStartId: r.remoteStartId,
    idToken: { idToken: r.token.uid, type: r.token.type },
  }),
  reply: (p: RequestStartTransactionResponse) => ({ status: p.status }),
};
