import type { ConnectorStatus } from './connector-status.ts';

export type { StationView, ConnectorView } from './station.schemas.ts';

export type OcppVersionLabel = '1.6' | '2.0.1' | '2.1';
export type SecurityProfile = 0 | 1 | 2 | 3;

/** What a station says about itself at boot, in neutral terms. */
export interface BootInfo {
  vendor: string;
  model: string;
  serialNumber?: string | undefined;
  firmwareVersion?: string | undefined;
  iccid?: string | undefined;
  imsi?: string | undefined;
  meterType?: string | undefined;
  meterSerialNumber?: string | undefined;
  reason?: string | undefined;
}

export interface StatusReport {
  evseId: number;
  connectorId: number;
  status: ConnectorStatus;
  rawStatus: string;
  errorCode?: string | undefined;
  vendorErrorCode?: string | undefined;
  info?: string | undefined;
  /** The station's timestamp, or the receive time when it sent none. */
  at: Date;
}

/** Why a WebSocket upgrade was refused. */
export type RefusalReason =
  | 'unknown-station'
  | 'missing-credentials'
  | 'wrong-username'
  | 'wrong-password'
  | 'tls-required'
  | 'client-certificate-required'
  | 'client-certificate-invalid'
  | 'unsupported-subprotocol'
  | 'rate-limited';
