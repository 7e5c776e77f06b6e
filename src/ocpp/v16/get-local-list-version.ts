import type { CommandTranslator } from '../command.ts';
import type { GetLocalListVersionResponse } from './types.gen.ts';

/** OCPP 1.6 5.10: 0 = no list, -1 = local lists not supported. */
export const getLocalListVersion: CommandTranslator<'GetLocalListVersion'> = {
  action: 'GetLocalListVersion',
  request: () => ({}),
  reply: (p: GetLocalListVersionResponse) => ({ version: p.listVersion }),
};
