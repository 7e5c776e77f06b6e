import type { TriggerableMessage } from '../../commands/index.ts';
import type { CommandTranslator } from '../command.ts';
import type { TriggerMessageRequest, TriggerMessageResponse } from './types.gen.ts';

const names: Partial<Record<TriggerableMessage, TriggerMessageRequest['requestedMessage']>> = {
  BootNotification: 'BootNotification',
  Heartbeat: 'Heartbeat',
  StatusNotification: 'StatusNotification',
  MeterValues: 'MeterValues',
  FirmwareStatusNotification: 'FirmwareStatusNotification',
  // 1.6 reports a diagnostics upload with DiagnosticsStatusNotification.
  LogStatusNotification: 'DiagnosticsStatusNotification',
};

/** OCPP 1.6 5.17. */
export const triggerMessage: CommandTranslator<'TriggerMessage'> = {
  action: 'TriggerMessage',
  unsupported: (r) => (names[r.message] ? undefined : `OCPP 1.6 cannot trigger ${r.message}.`),
  request: (r): TriggerMessageRequest => ({ requestedMessage: names[r.message]!, ...(r.evseId !== undefined ? { connectorId: r.evseId } : {}) }),
  reply: (p: TriggerMessageResponse) => ({ status: p.status }),
};
