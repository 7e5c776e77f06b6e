/** Alert types, their default severity, and what the rest of the CSMS may ask of alerts. */
export const alertTypes = {
  'station-offline': 'critical',
  'connector-faulted': 'major',
  'repeated-reboots': 'major',
  'firmware-update-failed': 'major',
  'log-upload-failed': 'minor',
  'meter-values-missing': 'major',
  'clock-drift': 'minor',
} as const;
export type AlertType = keyof typeof alertTypes;
export type Severity = 'critical' | 'major' | 'minor' | 'warning';
export const severities: readonly Severity[] = ['critical', 'major', 'minor', 'warning'];
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertKey {
  type: AlertType;
  stationId: string;
  /** What on the station (an EVSE/connector, a session); '' for the station itself. */
  subject?: string | undefined;
}

export interface OpenAlert extends AlertKey {
  message: string;
  severity?: Severity | undefined;
  details?: Record<string, unknown> | undefined;
}

/** What other capabilities use: open a condition (idempotent) and resolve it when it clears. */
export interface AlertsPort {
  open(a: OpenAlert): Promise<void>;
  resolve(key: AlertKey, resolution: string): Promise<void>;
}
