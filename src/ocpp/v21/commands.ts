/** OCPP 2.1: how each domain command is sent. A command not listed is not available in 2.1. */
import type { CommandTable } from '../command.ts';
import { stationOnly as stationOnly201 } from '../v201/commands.ts';
import { cancelReservation } from './cancel-reservation.ts';
import { changeAvailability } from './change-availability.ts';
import { clearCache } from './clear-cache.ts';
import { costUpdated } from './cost-updated.ts';
import { clearVariableMonitoring } from './clear-variable-monitoring.ts';
import { dataTransferCommand } from './data-transfer.ts';
import { getBaseReport } from './get-base-report.ts';
import { getLocalListVersion } from './get-local-list-version.ts';
import { getLog } from './get-log.ts';
import { getMonitoringReport } from './get-monitoring-report.ts';
import { getVariables } from './get-variables.ts';
import { requestStartTransaction } from './request-start-transaction.ts';
import { requestStopTransaction } from './request-stop-transaction.ts';
import { reserveNow } from './reserve-now.ts';
import { reset } from './reset.ts';
import { sendLocalList } from './send-local-list.ts';
import { setVariableMonitoring } from './set-variable-monitoring.ts';
import { setVariables } from './set-variables.ts';
import { triggerMessage } from './trigger-message.ts';
import { unlockConnector } from './unlock-connector.ts';
import { updateFirmware, updateSignedFirmware } from './update-firmware.ts';

export const commands: CommandTable = {
  RemoteStart: requestStartTransaction,
  RemoteStop: requestStopTransaction,
  SendLocalList: sendLocalList,
  GetLocalListVersion: getLocalListVersion,
  ClearCache: clearCache,
  CostUpdated: costUpdated,
  Reset: reset,
  UnlockConnector: unlockConnector,
  ChangeAvailability: changeAvailability,
  TriggerMessage: triggerMessage,
  DataTransfer: dataTransferCommand,
  ReserveNow: reserveNow,
  CancelReservation: cancelReservation,
  GetConfiguration: getVariables,
  SetConfiguration: setVariables,
  GetBaseReport: getBaseReport,
  SetVariableMonitoring: setVariableMonitoring,
  ClearVariableMonitoring: clearVariableMonitoring,
  GetMonitoringReport: getMonitoringReport,
  GetLog: getLog,
  UpdateFirmware: updateFirmware,
  UpdateSignedFirmware: updateSignedFirmware,
};

/** Actions only a charging station sends in 2.1: those of 2.0.1 and the new ones. */
export const stationOnly = [
  ...stationOnly201,
  'BatterySwap',
  'ClosePeriodicEventStream',
  'GetCertificateChainStatus',
  'NotifyDERAlarm',
  'NotifyDERStartStop',
  'NotifyPeriodicEventStream',
  'NotifyPriorityCharging',
  'NotifyQRCodeScanned',
  'NotifySettlement',
  'OpenPeriodicEventStream',
  'PullDynamicScheduleUpdate',
  'ReportDERControl',
  'VatNumberValidation',
];
