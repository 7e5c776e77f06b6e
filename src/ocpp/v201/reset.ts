import type { CommandTranslator } from '../command.ts';
import type { ResetRequest, ResetResponse } from './types.gen.ts';

/**
 * OCPP 2.0.1 B11/B12: 2.x knows no soft or hard reset, only when: Immediate (running
 * transactions are stopped first) or OnIdle (after they end). Soft and Hard both reset
 * immediately unless on-idle is asked for.
 */
export const reset: CommandTranslator<'Reset'> = {
  action: 'Reset',
  request: (r): ResetRequest => ({ type: r.onIdle ? 'OnIdle' : 'Immediate', ...(r.evseId !== undefined ? { evseId: r.evseId } : {}) }),
  reply: (p: ResetResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode }),
};
