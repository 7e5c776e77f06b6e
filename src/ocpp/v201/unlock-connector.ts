import type { CommandTranslator } from '../command.ts';
import type { UnlockConnectorRequest, UnlockConnectorResponse } from './types.gen.ts';

/** OCPP 2.0.1 F05. */
export const unlockConnector: CommandTranslator<'UnlockConnector'> = {
  action: 'UnlockConnector',
  request: (r): UnlockConnectorRequest => ({ evseId: r.evseId, connectorId: r.connectorId ?? 1 }),
  reply: (p: UnlockConnectorResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode }),
};
