import type { CommandTranslator } from '../command.ts';
import type { ClearCacheResponse } from './types.gen.ts';

export const clearCache: CommandTranslator<'ClearCache'> = {
  action: 'ClearCache',
  request: () => ({}),
  reply: (p: ClearCacheResponse) => ({ status: p.status }),
};
