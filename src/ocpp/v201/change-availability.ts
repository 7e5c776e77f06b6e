import type { CommandTranslator } from '../command.ts';
import { evse } from './evse.ts';
import type { ChangeAvailabilityRequest, ChangeAvailabilityResponse } from './types.gen.ts';

/** OCPP 2.0.1 G03/G04: no EVSE is the whole station. */
export const changeAvailability: CommandTranslator<'ChangeAvailability'> = {
  action: 'ChangeAvailability',
  request: (r): ChangeAvailabilityRequest => ({ operationalStatus: r.operative ? 'Operative' : 'Inoperative', ...evse(r.evseId, r.connectorId) }),
  reply: (p: ChangeAvailabilityResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode }),
};
