import type { AuthorizationService } from '../authorization/index.ts';
import type { Clock } from '../clock.ts';
import type { MaintenanceInbox } from '../maintenance/index.ts';
import type { SessionsService } from '../sessions/index.ts';
import type { StationsService } from '../stations/index.ts';

/** The domain services and settings the version folders' handlers translate to. */
export interface OcppDeps {
  readonly clock: Clock;
  readonly stations: StationsService;
  readonly sessions: SessionsService;
  readonly authorization: AuthorizationService;
  readonly maintenance: MaintenanceInbox;
  readonly heartbeatIntervalSec: number;
}
