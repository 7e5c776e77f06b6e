import type { CommandTranslator } from '../command.ts';
import { keyOnly } from './get-configuration.ts';
import type { ChangeConfigurationRequest, ChangeConfigurationResponse } from './types.gen.ts';

/** OCPP 1.6 5.3: one key per call. */
export const changeConfiguration: CommandTranslator<'SetConfiguration'> = {
  action: 'ChangeConfiguration',
  unsupported: (r) => keyOnly(r.setting),
  request: (r): ChangeConfigurationRequest => ({ key: r.setting.variable, value: r.value }),
  reply: (p: ChangeConfigurationResponse) => ({ status: p.status }),
};
