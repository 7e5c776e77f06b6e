import type { CommandTranslator } from '../command.ts';
import type { SignedUpdateFirmwareRequest, SignedUpdateFirmwareResponse } from './types.gen.ts';

/** OCPP 1.6 security whitepaper: signed firmware, progress by SignedFirmwareStatusNotification with requestId. */
export const signedUpdateFirmware: CommandTranslator<'UpdateSignedFirmware'> = {
  action: 'SignedUpdateFirmware',
  request: (r): SignedUpdateFirmwareRequest => ({
    requestId: r.requestId,
    firmware: {
      location: r.location,
      retrieveDateTime: r.retrieveAt,
      ...(r.installAt ? { installDateTime: r.installAt } : {}),
      signingCertificate: r.signingCertificate,
      signature: r.signature,
    },
    ...(r.retries !== undefined ? { retries: r.retries } : {}),
    ...(r.retryInterval !== undefined ? { retryInterval: r.retryInterval } : {}),
  }),
  reply: (p: SignedUpdateFirmwareResponse) => ({ status: p.status }),
};
