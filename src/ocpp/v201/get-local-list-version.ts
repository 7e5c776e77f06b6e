import type { CommandTranslator } from '../command.ts';
import type { GetLocalListVersionResponse } from './types.gen.ts';

/** OCPP 2.0.1 D02: 0 means no list installed. */
export const getLocalListVersion: CommandTranslator<'GetLocalListVersion'> = {
  action: 'GetLocalListVersion',
  request: () => ({}),
  reply: (p: GetLocalListVersionResponse) => ({ version: p.versionNumber }),
};
