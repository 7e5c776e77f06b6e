import type { CommandTranslator } from '../command.ts';
import type { RemoteStartTransactionRequest, RemoteStartTransactionResponse } from './types.gen.ts';

/** OCPP 1.6 5.11: connector N is EVSE N; without one the station chooses. */
export const remoteStartTransaction: CommandTranslator<'RemoteStart'> = {
  action: 'RemoteStartTransaction',
  request: (r): RemoteStartTransactionRequest => ({ ...(r.evseId ? { connectorId: r.evseId } : {}), idTag: r.token.uid }),
  reply: (p: RemoteStartTransactionResponse) => ({ status: p.status }),
};
