import type { CommandTranslator } from '../command.ts';
import type { UnlockConnectorRequest, UnlockConnectorResponse } from './types.gen.ts';

/** OCPP 1.6 5.18: 1.6 connector N is EVSE N (connector 1). */
export const unlockConnector: CommandTranslator<'UnlockConnector'> = {
  action: 'UnlockConnector',
  unsupported: (r) => (r.connectorId !== undefined && r.connectorId !== 1 ? 'OCPP 1.6 has one connector per EVSE: connectorId is 1 or absent.' : undefined),
  request: (r): UnlockConnectorRequest => ({ connectorId: r.evseId }),
  reply: (p: UnlockConnectorResponse) => ({ status: p.status }),
};
