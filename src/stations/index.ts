/** The stations capability: registry, presence, status and station credentials. */
export { createStationsService, type StationsService, type StationAuthInfo, type RegisterInput } from './station.service.ts';
export { connectorStatuses, isConnectorStatus, type ConnectorStatus } from './connector-status.ts';
export { isValidStationId, stationIdRule } from './station-id.ts';
export type { StationView, ConnectorView, BootInfo, StatusReport, RefusalReason, SecurityProfile, OcppVersionLabel } from './types.ts';
export { stationRoutes, type LiveSessions } from './stations.routes.ts';
export { overviewRoutes, type RunningSessions } from './overview.routes.ts';
export { createStatusResync, type StatusResync } from './status-resync.ts';
