import type { CommandTranslator } from '../command.ts';
import type { ClearVariableMonitoringRequest, ClearVariableMonitoringResponse } from './types.gen.ts';

/** OCPP 2.0.1 N06. */
export const clearVariableMonitoring: CommandTranslator<'ClearVariableMonitoring'> = {
  action: 'ClearVariableMonitoring',
  unsupported: (r) => (r.ids.length === 0 ? 'Give at least one monitor id.' : undefined),
  request: (r): ClearVariableMonitoringRequest => ({ id: [r.ids[0]!, ...r.ids.slice(1)] }),
  reply: (p: ClearVariableMonitoringResponse) => ({ results: p.clearMonitoringResult.map((m) => ({ id: m.id, status: m.status })) }),
};
