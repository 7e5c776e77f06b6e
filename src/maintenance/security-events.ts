/**
 * Security events (SecurityEventNotification): stored, published live, and counted as
 * critical when the 2.0.1 security event list marks the type critical (appendix 1);
 * types a station invents are kept as they are.
 */
export const criticalSecurityEvents: ReadonlySet<string> = new Set([
  'FirmwareUpdated',
  'SettingSystemTime',
  'StartupOfTheDevice',
  'ResetOrReboot',
  'SecurityLogWasCleared',
  'MemoryExhaustion',
  'TamperDetectionActivated',
]);
