/** OCPP 1.6: how each domain command is sent. A command not listed is not available in 1.6. */
import type { CommandTable } from '../command.ts';
import { cancelReservation } from './cancel-reservation.ts';
import { changeAvailability } from './change-availability.ts';
import { changeConfiguration } from './change-configuration.ts';
import { clearCache } from './clear-cache.ts';
import { dataTransferCommand } from './data-transfer.ts';
import { getConfiguration } from './get-configuration.ts';
import { getDiagnostics } from './get-diagnostics.ts';
import { getLocalListVersion } from './get-local-list-version.ts';
import { remoteStartTransaction } from './remote-start-transaction.ts';
import { remoteStopTransaction } from './remote-stop-transaction.ts';
import { reserveNow } from './reserve-now.ts';
import { reset } from './reset.ts';
import { sendLocalList } from './send-local-list.ts';
import { signedUpdateFirmware } from './signed-update-firmware.ts';
import { triggerMessage } from './trigger-message.ts';
import { unlockConnector } from './unlock-connector.ts';
import { updateFirmware } from './update-firmware.ts';

export const commands: CommandTable = {
  RemoteStart: remoteStartTransaction,
  RemoteStop: remoteStopTransaction,
  SendLocalList: sendLocalList,
  GetLocalListVersion: getLocalListVersion,
  ClearCache: clearCache,
  Reset: reset,
  UnlockConnector: unlockConnector,
  ChangeAvailability: changeAvailability,
  TriggerMessage: triggerMessage,
  DataTransfer: dataTransferCommand,
  ReserveNow: reserveNow,
  CancelReservation: cancelReservation,
  GetConfiguration: getConfiguration,
  SetConfiguration: changeConfiguration,
  GetLog: getDiagnostics,
  UpdateFirmware: updateFirmware,
  UpdateSignedFirmware: signedUpdateFirmware,
};

/** Actions only a charge point sends (1.6 and its security whitepaper): never sent as raw calls. */
export const stationOnly = [
  'Authorize',
  'BootNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'LogStatusNotification',
  'MeterValues',
  'SecurityEventNotification',
  'SignCertificate',
  'SignedFirmwareStatusNotification',
  'StartTransaction',
  'StatusNotification',
  'StopTransaction',
];
