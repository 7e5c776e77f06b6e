/** Maintenance: commands and their audit, station records, and the wiring of diagnostics, firmware, device model and alerts. */
export type { MaintenanceInbox, LogUploadStatus, VariablePath, DeviceEventInput, ReportItem, MonitorReportItem } from './inbox.ts';
export { createMaintenance, type Maintenance } from './maintenance.ts';
export { runAs, currentActor } from './actor.ts';
