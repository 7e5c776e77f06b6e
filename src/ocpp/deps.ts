import type { AuthorizationService } from '../authorization/index.ts';
import type { Clock } from '../clock.ts';
import type { MaintenanceInbox } from '../maintenance/index.ts';
import type { SessionRow, SessionsService } from '../sessions/index.ts';
import type { StationsService } from '../stations/index.ts';

/** The domain services and settings the version folders' handlers translate to. */
export interface OcppDeps {
  readonly clock: Clock;
  readonly stations: StationsService;
  readonly sessions: SessionsService;
  readonly authorization: AuthorizationService;
  /** Session costs from billing, incl. VAT as decimal text (null: nothing prices the session), for TransactionEventResponse.totalCost. */
  readonly costs?: { finalCost(s: SessionRow): Promise<string | null>; runningCost(s: SessionRow): Promise<string | null> };
  readonly maintenance: MaintenanceInbox;
  readonly heartbeatIntervalSec: number;
  /** Whether the database answers now (asked after a failure, to tell an outage from a bug). */
  databaseUp(): Promise<boolean>;
}
