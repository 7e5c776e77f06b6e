import type { CommandTranslator } from '../command.ts';
import type { UpdateFirmwareRequest } from './types.gen.ts';

/** OCPP 1.6 5.19: no install time and no status in the answer; progress comes by FirmwareStatusNotification. */
export const updateFirmware: CommandTranslator<'UpdateFirmware'> = {
  action: 'UpdateFirmware',
  unsupported: (r) => (r.installAt ? 'OCPP 1.6 UpdateFirmware has no install time; the station installs once it has downloaded.' : undefined),
  request: (r): UpdateFirmwareRequest => ({
    location: r.location,
    retrieveDate: r.retrieveAt,
    ...(r.retries !== undefined ? { retries: r.retries } : {}),
    ...(r.retryInterval !== undefined ? { retryInterval: r.retryInterval } : {}),
  }),
  reply: () => ({ status: 'Accepted' }),
};
