import type { CommandTranslator } from '../command.ts';
import { componentVariable, needsComponent, settingOf } from './evse.ts';
import type { SetMonitoringDataType, SetVariableMonitoringRequest, SetVariableMonitoringResponse } from './types.gen.ts';

/** OCPP 2.0.1 N04: monitors trigger NotifyEvent when their condition is met. */
export const setVariableMonitoring: CommandTranslator<'SetVariableMonitoring'> = {
  action: 'SetVariableMonitoring',
  unsupported: (r) => (r.monitors.length === 0 ? 'Give at least one monitor.' : needsComponent(r.monitors.map((m) => m.setting))),
  request: (r): SetVariableMonitoringRequest => {
    const [first, ...rest] = r.monitors.map(
      (m): SetMonitoringDataType => ({
        ...componentVariable(m.setting),
        ...(m.id !== undefined ? { id: m.id } : {}),
        ...(m.transaction !== undefined ? { transaction: m.transaction } : {}),
        value: m.value,
        type: m.type,
        severity: m.severity,
      }),
    );
    return { setMonitoringData: [first!, ...rest] };
  },
  reply: (p: SetVariableMonitoringResponse) => ({
    results: p.setMonitoringResult.map((m) => ({ id: m.id, status: m.status, setting: settingOf(m.component, m.variable), type: m.type, severity: m.severity })),
  }),
};
