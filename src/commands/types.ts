/**
 * Commands the CSMS sends to stations, in its own terms. The OCPP edge translates each to the
 * station's version (src/ocpp/v16|v201|v21/commands.ts) and its reply back. Capabilities
 * depend only on this port, never on OCPP.
 */
export type TokenType = 'ISO14443' | 'ISO15693' | 'eMAID' | 'Central' | 'KeyCode' | 'Local' | 'MacAddress' | 'NoAuthorization';

/** An entry of a local authorization list; without `info` it removes the token (differential updates). */
export interface LocalListEntry {
  uid: string;
  type: TokenType;
  info?: { status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid'; expiresAt?: string | undefined; groupId?: string | undefined };
}

export interface Commands {
  RemoteStart: {
    request: { evseId?: number | undefined; token: { uid: string; type: TokenType }; remoteStartId: number };
    reply: { status: 'Accepted' | 'Rejected' };
  };
  RemoteStop: { request: { transactionId: string }; reply: { status: 'Accepted' | 'Rejected' } };
  SendLocalList: {
    request: { version: number; updateType: 'Full' | 'Differential'; entries: LocalListEntry[] };
    reply: { status: 'Accepted' | 'Failed' | 'NotSupported' | 'VersionMismatch' };
  };
  GetLocalListVersion: { request: Record<string, never>; reply: { version: number } };
  ClearCache: { request: Record<string, never>; reply: { status: 'Accepted' | 'Rejected' } };
  /** The running cost of a transaction, incl. VAT, in the station's configured currency (OCPP 2.x I02; not in 1.6). */
  CostUpdated: { request: { transactionId: string; totalCost: string }; reply: Record<string, never> };
  // Maintenance (issue 5). Replies carry the station's own status word; versions differ in their sets.
  /** 1.6 Soft/Hard; 2.x Immediate, or OnIdle (after running sessions end), optionally one EVSE. */
  Reset: { request: { type: 'Soft' | 'Hard'; onIdle?: boolean | undefined; evseId?: number | undefined }; reply: StatusReply };
  UnlockConnector: { request: { evseId: number; connectorId?: number | undefined }; reply: StatusReply };
  /** Without evseId: the whole station. */
  ChangeAvailability: { request: { operative: boolean; evseId?: number | undefined; connectorId?: number | undefined }; reply: StatusReply };
  TriggerMessage: { request: { message: TriggerableMessage; evseId?: number | undefined; connectorId?: number | undefined }; reply: StatusReply };
  DataTransfer: {
    request: { vendorId: string; messageId?: string | undefined; data?: unknown };
    reply: { status: string; data?: unknown };
  };
  ReserveNow: {
    request: { reservationId: number; evseId?: number | undefined; token: { uid: string; type: TokenType }; groupId?: string | undefined; expiresAt: string };
    reply: StatusReply;
  };
  CancelReservation: { request: { reservationId: number }; reply: StatusReply };
  /** 1.6 GetConfiguration (no settings: all keys); 2.x GetVariables (each setting names its component). */
  GetConfiguration: { request: { settings?: SettingRef[] | undefined }; reply: { items: SettingValue[] } };
  /** 1.6 ChangeConfiguration; 2.x SetVariables with one entry. */
  SetConfiguration: { request: { setting: SettingRef; value: string }; reply: StatusReply };
  /** 2.x: the station answers with NotifyReport messages carrying requestId. */
  GetBaseReport: { request: { requestId: number; reportBase: 'ConfigurationInventory' | 'FullInventory' | 'SummaryInventory' }; reply: StatusReply };
  SetVariableMonitoring: { request: { monitors: MonitorSpec[] }; reply: { results: MonitorResult[] } };
  ClearVariableMonitoring: { request: { ids: number[] }; reply: { results: Array<{ id: number; status: string }> } };
  GetMonitoringReport: { request: { requestId: number; settings?: SettingRef[] | undefined }; reply: StatusReply };
  /** 1.6 GetDiagnostics (diagnostics only); 2.x GetLog. The station uploads to `location`. */
  GetLog: {
    request: {
      requestId: number;
      logType: 'Diagnostics' | 'Security';
      location: string;
      from?: string | undefined;
      to?: string | undefined;
      retries?: number | undefined;
      retryInterval?: number | undefined;
    };
    reply: { status: string; fileName?: string | undefined };
  };
  /** An unsigned image: 1.6 UpdateFirmware, 2.x UpdateFirmware. */
  UpdateFirmware: { request: FirmwareRequest; reply: StatusReply };
  /** A signed image: 1.6 SignedUpdateFirmware (security extension), 2.x UpdateFirmware with its signature. */
  UpdateSignedFirmware: { request: FirmwareRequest & { signingCertificate: string; signature: string }; reply: StatusReply };
}

export type StatusReply = { status: string; info?: string | undefined };

/** Messages a station can be asked to send now (2.x names; 1.6 DiagnosticsStatusNotification is LogStatusNotification). */
export const triggerableMessages = [
  'BootNotification',
  'Heartbeat',
  'StatusNotification',
  'MeterValues',
  'FirmwareStatusNotification',
  'LogStatusNotification',
  'TransactionEvent',
] as const;
export type TriggerableMessage = (typeof triggerableMessages)[number];

/** A setting: a 1.6 configuration key is `variable` alone; a 2.x variable lives in a component. */
export interface SettingRef {
  component?: string | undefined;
  componentInstance?: string | undefined;
  evseId?: number | undefined;
  connectorId?: number | undefined;
  variable: string;
  variableInstance?: string | undefined;
  attribute?: 'Actual' | 'Target' | 'MinSet' | 'MaxSet' | undefined;
}

/** A setting's value as read; status Accepted, or why not (UnknownVariable, UnknownComponent, Rejected, ...). */
export interface SettingValue extends SettingRef {
  status: string;
  value?: string | undefined;
  readonly?: boolean | undefined;
}

export interface MonitorSpec {
  id?: number | undefined;
  setting: SettingRef;
  type: 'UpperThreshold' | 'LowerThreshold' | 'Delta' | 'Periodic' | 'PeriodicClockAligned';
  value: number;
  severity: number;
  transaction?: boolean | undefined;
}

export interface MonitorResult {
  id?: number | undefined;
  status: string;
  setting: SettingRef;
  type: string;
  severity: number;
}

export interface FirmwareRequest {
  requestId: number;
  location: string;
  retrieveAt: string;
  installAt?: string | undefined;
  retries?: number | undefined;
  retryInterval?: number | undefined;
}

export type CommandName = keyof Commands;

export type CommandOutcome<R> =
  | { ok: true; reply: R }
  | {
      ok: false;
      /** offline: not connected; timeout: no answer; error: a CALLERROR; unsupported: the version has no such command; invalid: refused by the schema */
      reason: 'offline' | 'timeout' | 'error' | 'unsupported' | 'invalid';
      message: string;
      code?: string;
    };

/** A raw call's answer: the station's CALLRESULT payload, or its CALLERROR. */
export type RawOutcome =
  | { ok: true; result: Record<string, unknown>; warning?: string }
  | { ok: true; error: { code: string; description: string; details?: Record<string, unknown> } }
  | { ok: false; reason: 'offline' | 'timeout' | 'unsupported' | 'invalid'; message: string };

export interface CommandPort {
  send<N extends CommandName>(stationId: string, name: N, request: Commands[N]['request']): Promise<CommandOutcome<Commands[N]['reply']>>;
  /**
   * Any action of the station's OCPP version with this payload, validated by the version's
   * schema before it is sent (`invalid` when it fails, nothing sent). A CALLERROR is an answer
   * here, not a failure.
   */
  sendRaw(stationId: string, action: string, payload: Record<string, unknown>): Promise<RawOutcome>;
}
