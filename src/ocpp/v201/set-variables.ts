import type { CommandTranslator } from '../command.ts';
import { componentVariable, needsComponent } from './evse.ts';
import type { SetVariablesRequest, SetVariablesResponse } from './types.gen.ts';

/** OCPP 2.0.1 B05: one variable per command, so each gets its own answer. */
export const setVariables: CommandTranslator<'SetConfiguration'> = {
  action: 'SetVariables',
  unsupported: (r) => needsComponent([r.setting]),
  request: (r): SetVariablesRequest => ({
    setVariableData: [{ ...componentVariable(r.setting), attributeValue: r.value, ...(r.setting.attribute ? { attributeType: r.setting.attribute } : {}) }],
  }),
  reply: (p: SetVariablesResponse) => ({ status: p.setVariableResult[0].attributeStatus, info: p.setVariableResult[0].attributeStatusInfo?.reasonCode }),
};
