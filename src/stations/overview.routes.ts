/**
 * REST: a station as drivers see it, for the portal's "find a station" and QR code links.
 * Open to any signed-in principal: statuses are what the station's own screen shows anyone
 * standing at it. Sessions are reduced to "charging" unless they are the caller's own.
 */
import { principalOf } from '../http/auth-hooks.ts';
import { errorResponses } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import { evseOverview, StationOverview } from './overview.ts';
import { StationIdParam } from './station.schemas.ts';
import type { StationsService } from './station.service.ts';

/** The sessions running at a station (from the sessions capability). */
export type RunningSessions = (stationId: string) => Promise<Array<{ evseId: number; id: string; driverId: string | null }>>;

export function overviewRoutes(app: App, deps: { stations: StationsService; running: RunningSessions }): void {
  app.get('/api/v1/stations/:id/overview', {
    config: { auth: 'any' },
    schema: {
      tags: ['stations'],
      summary: 'A station as a driver sees it: online, and each EVSE free or busy (any signed-in user)',
      description: "Other drivers' sessions appear only as `charging: true`; `mySessionId` is the caller's own session on that EVSE.",
      params: StationIdParam,
      response: { 200: StationOverview, ...errorResponses },
    },
    handler: async (req) => {
      const p = principalOf(req);
      const station = unwrap(await deps.stations.get(req.params.id));
      const running = await deps.running(station.id);
      return {
        id: station.id,
        name: station.name,
        connected: station.connected,
        evses: evseOverview(station.connectors, running, p.type === 'driver' ? p.id : null),
      };
    },
  });
}
