import type { Clock } from '../clock.ts';
import type { StationsService } from '../stations/index.ts';

/** The domain services and settings the version folders' handlers translate to. */
export interface OcppDeps {
  readonly clock: Clock;
  readonly stations: StationsService;
  readonly heartbeatIntervalSec: number;
}
