/** The sessions capability: charging sessions, meter values, remote start and stop. */
export {
  createSessionsService,
  type SessionsService,
  type ChargingState,
  type TokenRef,
  type StartInput,
  type StopInput,
  type TransactionEventInput,
  STALE_AFTER_REBOOT,
} from './session.service.ts';
export { createSessionControl, type SessionControl } from './session-control.ts';
export { createSessionRepo, type SessionRepo, type SessionRow } from './session.repo.ts';
export { sessionRoutes, type SessionCosts } from './sessions.routes.ts';
export type { SessionCostView } from './session.schemas.ts';
export { SessionCost } from './session.schemas.ts';
export { sessionView } from './session-view.ts';
export type { MeterReading, SampledValue } from './measurands.ts';
export { createEndedSessionsQuery, createSessionHistory, type SessionHistory, type SessionHistoryQuery } from './session-history.ts';
