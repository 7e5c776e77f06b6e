import type { SettingRef } from '../../commands/index.ts';
import type { CommandTranslator } from '../command.ts';
import type { GetConfigurationRequest, GetConfigurationResponse } from './types.gen.ts';

/** A 1.6 configuration key is a bare name: no component, instance, EVSE or attribute. */
export function keyOnly(s: SettingRef): string | undefined {
  if (s.component || s.componentInstance || s.variableInstance || s.evseId !== undefined || (s.attribute && s.attribute !== 'Actual')) {
    return `OCPP 1.6 configuration keys are plain names; '${s.variable}' names a component, instance, EVSE or attribute.`;
  }
  return undefined;
}

/** OCPP 1.6 5.8: without keys the station answers every key it has. */
export const getConfiguration: CommandTranslator<'GetConfiguration'> = {
  action: 'GetConfiguration',
  unsupported: (r) => r.settings?.map(keyOnly).find(Boolean),
  request: (r): GetConfigurationRequest => (r.settings?.length ? { key: r.settings.map((s) => s.variable) } : {}),
  reply: (p: GetConfigurationResponse) => ({
    items: [
      ...(p.configurationKey ?? []).map((k) => ({ variable: k.key, value: k.value, readonly: k.readonly, status: 'Accepted' })),
      ...(p.unknownKey ?? []).map((k) => ({ variable: k, status: 'UnknownVariable' })),
    ],
  }),
};
