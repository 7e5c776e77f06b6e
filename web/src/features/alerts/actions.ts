/** Alert commands: acknowledging an open alert. */
import { defineActions } from '../../actions/registry.ts';
import { api, ok } from '../../api/client.ts';

defineActions<'alert'>([
  {
    name: 'alert.acknowledge',
    scope: 'alert',
    label: (s) => s.alerts.acknowledge,
    permission: 'alerts:write',
    available: (a) => a.status === 'open',
    run: async (a, _i, s) => {
      await ok(api.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id: a.alertId } } }));
      return s.alerts.acknowledged;
    },
  },
]);
