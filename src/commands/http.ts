/**
 * How a failed command is answered over HTTP: 409 when the station is offline, 504 when it is
 * silent, 502 when it answers with a CALLERROR, 409 when its OCPP version has no such command.
 */
import { AppError } from '../errors.ts';
import type { CommandOutcome } from './types.ts';

export function replyOrThrow<R>(outcome: CommandOutcome<R>): R {
  if (outcome.ok) return outcome.reply;
  switch (outcome.reason) {
    case 'offline':
      throw new AppError('STATION_OFFLINE', 'The station is not connected.');
    case 'timeout':
      throw new AppError('STATION_TIMEOUT', 'The station did not answer in time.');
    case 'error':
      throw new AppError('STATION_ERROR', `The station answered ${outcome.code ?? 'an error'}: ${outcome.message}`.trim(), { code: outcome.code });
    case 'unsupported':
      throw new AppError('CONFLICT', outcome.message);
    default:
      throw new AppError('VALIDATION_FAILED', outcome.message);
  }
}
