import type { CommandTranslator } from '../command.ts';
import { evse } from './evse.ts';
import type { TriggerMessageRequest, TriggerMessageResponse } from './types.gen.ts';

/** OCPP 2.0.1 F06: the neutral names are the 2.x names. */
export const triggerMessage: CommandTranslator<'TriggerMessage'> = {
  action: 'TriggerMessage',
  request: (r): TriggerMessageRequest => ({ requestedMessage: r.message, ...evse(r.evseId, r.connectorId) }),
  reply: (p: TriggerMessageResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode }),
};
