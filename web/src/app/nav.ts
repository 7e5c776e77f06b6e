/** The console's sections: the nav bar and the command palette's "go to" entries read this. */
import type { Permission } from '../../../src/auth/permissions.ts';
import type { Strings } from '../i18n/strings/en.ts';

export interface NavItem {
  to: string;
  label: (s: Strings) => string;
  permission: Permission;
}

export const nav: NavItem[] = [
  { to: '/', label: (s) => s.nav.dashboard, permission: 'stations:read' },
  { to: '/stations', label: (s) => s.nav.stations, permission: 'stations:read' },
  { to: '/sessions', label: (s) => s.nav.sessions, permission: 'sessions:read' },
  { to: '/drivers', label: (s) => s.nav.drivers, permission: 'drivers:read' },
  { to: '/tokens', label: (s) => s.nav.tokens, permission: 'tokens:read' },
  { to: '/tariffs', label: (s) => s.nav.tariffs, permission: 'billing:read' },
  { to: '/billing', label: (s) => s.nav.billing, permission: 'billing:read' },
  { to: '/reports', label: (s) => s.nav.reports, permission: 'reports:read' },
  { to: '/alerts', label: (s) => s.nav.alerts, permission: 'alerts:read' },
  { to: '/operators', label: (s) => s.nav.operators, permission: 'operators:manage' },
];
