import type { CommandTranslator } from '../command.ts';
import type { ResetRequest, ResetResponse } from './types.gen.ts';

/** OCPP 1.6 5.14: Soft stops sessions gracefully and restarts the software; Hard restarts the hardware. */
export const reset: CommandTranslator<'Reset'> = {
  action: 'Reset',
  unsupported: (r) =>
    r.onIdle
      ? 'OCPP 1.6 has no on-idle reset: stop the sessions first, or send a Soft reset, which ends them gracefully.'
      : r.evseId !== undefined
        ? 'OCPP 1.6 resets the whole charge point only, not one EVSE.'
        : undefined,
  request: (r): ResetRequest => ({ type: r.type }),
  reply: (p: ResetResponse) => ({ status: p.status }),
};
