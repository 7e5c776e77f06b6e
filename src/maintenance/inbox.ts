/**
 * What stations report about their upkeep, in the CSMS's terms: the OCPP edge translates
 * FirmwareStatusNotification, DiagnosticsStatusNotification/LogStatusNotification,
 * SecurityEventNotification, NotifyEvent, NotifyReport, NotifyMonitoringReport,
 * ReservationStatusUpdate and boots into these calls.
 */

/** The status of a log upload; 1.6 UploadFailed and 2.x UploadFailure are both UploadFailed. */
export type LogUploadStatus = 'Idle' | 'Uploading' | 'Uploaded' | 'UploadFailed' | 'BadMessage' | 'NotSupportedOperation' | 'PermissionDenied' | 'AcceptedCanceled';

/** Where a variable lives: component (with instance, EVSE, connector) and variable (with instance). */
export interface VariablePath {
  component: string | null;
  componentInstance?: string | undefined;
  evseId?: number | undefined;
  connectorId?: number | undefined;
  variable: string;
  variableInstance?: string | undefined;
}

export interface DeviceEventInput extends VariablePath {
  component: string;
  eventId: number;
  at: Date;
  trigger: string;
  cause?: number | undefined;
  actualValue: string;
  techCode?: string | undefined;
  techInfo?: string | undefined;
  cleared: boolean;
  transactionId?: string | undefined;
  monitorId?: number | undefined;
  notificationType: string;
}

export interface ReportedAttribute {
  attribute: string;
  value?: string | undefined;
  mutability?: string | undefined;
  persistent?: boolean | undefined;
  constant?: boolean | undefined;
}

export interface ReportItem extends VariablePath {
  attributes: ReportedAttribute[];
  characteristics?:
    | { dataType: string; unit?: string | undefined; minLimit?: number | undefined; maxLimit?: number | undefined; valuesList?: string | undefined; supportsMonitoring: boolean }
    | undefined;
}

export interface MonitorReportItem extends VariablePath {
  component: string;
  monitorId: number;
  type: string;
  severity: number;
  value: number;
  transaction: boolean;
}

export interface MaintenanceInbox {
  /** Every BootNotification (for the repeated-reboots alert). */
  booted(stationId: string, at: Date, reason: string | undefined): Promise<void>;
  /** A timestamp the station put on a message it sent just now, and when it arrived. */
  clockSample(stationId: string, stationTime: Date, receivedAt: Date): void;
  firmwareStatus(stationId: string, r: { status: string; requestId?: number | undefined; at: Date }): Promise<void>;
  logStatus(stationId: string, r: { status: LogUploadStatus; requestId?: number | undefined; at: Date }): Promise<void>;
  securityEvent(stationId: string, e: { type: string; techInfo?: string | undefined; at: Date; receivedAt: Date }): Promise<void>;
  deviceEvents(stationId: string, events: DeviceEventInput[], receivedAt: Date): Promise<void>;
  report(stationId: string, r: { requestId: number; seqNo: number; tbc: boolean; items: ReportItem[]; at: Date }): Promise<void>;
  monitoringReport(stationId: string, r: { requestId: number; seqNo: number; tbc: boolean; monitors: MonitorReportItem[]; at: Date }): Promise<void>;
  reservationStatus(stationId: string, r: { reservationId: number; status: 'Expired' | 'Removed'; at: Date }): Promise<void>;
}
