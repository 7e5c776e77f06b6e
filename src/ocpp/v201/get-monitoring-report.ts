import type { CommandTranslator } from '../command.ts';
import { componentVariable, needsComponent } from './evse.ts';
import type { ComponentVariableType, GetMonitoringReportRequest, GetMonitoringReportResponse } from './types.gen.ts';

/** OCPP 2.0.1 N02: the monitors follow in NotifyMonitoringReport messages with this requestId. */
export const getMonitoringReport: CommandTranslator<'GetMonitoringReport'> = {
  action: 'GetMonitoringReport',
  unsupported: (r) => needsComponent(r.settings),
  request: (r): GetMonitoringReportRequest => {
    const [first, ...rest] = (r.settings ?? []).map((s): ComponentVariableType => componentVariable(s));
    return { requestId: r.requestId, ...(first ? { componentVariable: [first, ...rest] } : {}) };
  },
  reply: (p: GetMonitoringReportResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode }),
};
