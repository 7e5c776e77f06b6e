import type { CommandTranslator } from '../command.ts';
import type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from './types.gen.ts';

/** OCPP 1.6 5.2: connector 0 is the whole charge point; connector N is EVSE N. */
export const changeAvailability: CommandTranslator<'ChangeAvailability'> = {
  action: 'ChangeAvailability',
  unsupported: (r) => (r.connectorId !== undefined && r.connectorId !== 1 ? 'OCPP 1.6 has one connector per EVSE: connectorId is 1 or absent.' : undefined),
  request: (r): ChangeAvailabilityRequest => ({ connectorId: r.evseId ?? 0, type: r.operative ? 'Operative' : 'Inoperative' }),
  reply: (p: ChangeAvailabilityResponse) => ({ status: p.status }),
};
