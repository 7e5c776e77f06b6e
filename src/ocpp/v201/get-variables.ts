import type { CommandTranslator } from '../command.ts';
import { componentVariable, needsComponent, settingOf } from './evse.ts';
import type { GetVariableDataType, GetVariablesRequest, GetVariablesResponse } from './types.gen.ts';

/** OCPP 2.0.1 B06: named variables only; the whole inventory comes by GetBaseReport. */
export const getVariables: CommandTranslator<'GetConfiguration'> = {
  action: 'GetVariables',
  unsupported: (r) =>
    !r.settings?.length
      ? 'OCPP 2.x reads all variables with a base report: POST /api/v1/stations/{id}/commands/get-base-report, then GET /api/v1/stations/{id}/device-model.'
      : needsComponent(r.settings),
  request: (r): GetVariablesRequest => {
    const [first, ...rest] = (r.settings ?? []).map(
      (s): GetVariableDataType => ({ ...componentVariable(s), ...(s.attribute ? { attributeType: s.attribute } : {}) }),
    );
    return { getVariableData: [first!, ...rest] };
  },
  reply: (p: GetVariablesResponse) => ({
    items: p.getVariableResult.map((v) => ({
      ...settingOf(v.component, v.variable, v.attributeType),
      status: v.attributeStatus,
      ...(v.attributeValue !== undefined ? { value: v.attributeValue } : {}),
    })),
  }),
};
