/** Driver and token commands: blocking (with a reason, confirmed) and unblocking. */
import { defineActions } from '../../actions/registry.ts';
import { api, ok } from '../../api/client.ts';

defineActions<'driver'>([
  {
    name: 'driver.block',
    scope: 'driver',
    label: (s) => s.drivers.block,
    permission: 'drivers:write',
    available: (d) => !d.blocked,
    fields: [{ name: 'reason', kind: 'text', label: (s) => s.drivers.reason }],
    confirm: (s, d) => s.drivers.confirmBlock(d.email),
    run: async (d, i, s) => {
      await ok(api.PATCH('/api/v1/drivers/{id}', { params: { path: { id: d.driverId } }, body: { status: 'blocked', blockedReason: i.reason || null } }));
      return s.drivers.blocked;
    },
  },
  {
    name: 'driver.unblock',
    scope: 'driver',
    label: (s) => s.drivers.unblock,
    permission: 'drivers:write',
    available: (d) => d.blocked,
    run: async (d, _i, s) => {
      await ok(api.PATCH('/api/v1/drivers/{id}', { params: { path: { id: d.driverId } }, body: { status: 'active', blockedReason: null } }));
      return s.drivers.unblocked;
    },
  },
]);

defineActions<'token'>([
  {
    name: 'token.block',
    scope: 'token',
    label: (s) => s.drivers.block,
    permission: 'tokens:write',
    available: (t) => !t.blocked,
    confirm: (s, t) => s.tokens.confirmBlock(t.uid),
    run: async (t, _i, s) => {
      await ok(api.PATCH('/api/v1/tokens/{uid}', { params: { path: { uid: t.uid } }, body: { status: 'Blocked' } }));
      return s.drivers.blocked;
    },
  },
  {
    name: 'token.unblock',
    scope: 'token',
    label: (s) => s.drivers.unblock,
    permission: 'tokens:write',
    available: (t) => t.blocked,
    run: async (t, _i, s) => {
      await ok(api.PATCH('/api/v1/tokens/{uid}', { params: { path: { uid: t.uid } }, body: { status: 'Accepted' } }));
      return s.drivers.unblocked;
    },
  },
  {
    name: 'token.delete',
    scope: 'token',
    label: (s) => s.common.delete,
    permission: 'tokens:write',
    confirm: (s, t) => s.tokens.confirmDelete(t.uid),
    run: async (t, _i, s) => {
      await ok(api.DELETE('/api/v1/tokens/{uid}', { params: { path: { uid: t.uid } } }));
      return s.common.done;
    },
  },
]);
