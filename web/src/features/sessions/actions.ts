/** Session commands: stopping a running session (asks the station; destructive, so confirmed). */
import { defineActions } from '../../actions/registry.ts';
import { api, ok } from '../../api/client.ts';

defineActions<'session'>([
  {
    name: 'session.stop',
    scope: 'session',
    label: (s) => s.sessions.stop,
    permission: 'stations:command',
    available: (c) => c.active,
    confirm: (s, c) => s.sessions.confirmStop(c.stationId),
    run: async (c, _i, s) => {
      const r = await ok(api.POST('/api/v1/sessions/{id}/stop', { params: { path: { id: c.sessionId } } }));
      return s.stations.commandOutcome(r.status);
    },
  },
]);
