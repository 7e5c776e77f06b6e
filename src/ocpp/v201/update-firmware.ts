import type { FirmwareRequest } from '../../commands/index.ts';
import type { CommandTranslator } from '../command.ts';
import type { FirmwareType, UpdateFirmwareRequest, UpdateFirmwareResponse } from './types.gen.ts';

function request(r: FirmwareRequest, signed?: { signingCertificate: string; signature: string }): UpdateFirmwareRequest {
  const firmware: FirmwareType = {
    location: r.location,
    retrieveDateTime: r.retrieveAt,
    ...(r.installAt ? { installDateTime: r.installAt } : {}),
    ...(signed ? { signingCertificate: signed.signingCertificate, signature: signed.signature } : {}),
  };
  return {
    requestId: r.requestId,
    firmware,
    ...(r.retries !== undefined ? { retries: r.retries } : {}),
    ...(r.retryInterval !== undefined ? { retryInterval: r.retryInterval } : {}),
  };
}

const reply = (p: UpdateFirmwareResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode });

/** OCPP 2.0.1 L01/L02: progress comes by FirmwareStatusNotification with this requestId. */
export const updateFirmware: CommandTranslator<'UpdateFirmware'> = { action: 'UpdateFirmware', request: (r) => request(r), reply };

/** OCPP 2.0.1 L01: a secure update carries the signing certificate and the signature (L01.FR.11). */
export const updateSignedFirmware: CommandTranslator<'UpdateSignedFirmware'> = { action: 'UpdateFirmware', request: (r) => request(r, r), reply };
