/**
 * Who may do what. Routes name the permission they need; roles grant permissions. Drivers
 * hold none of these: their routes check ownership of the data instead (a driver reaches
 * only their own tokens and sessions, and their own wallet, invoices and payment methods).
 */
export const roles = ['admin', 'operator', 'viewer', 'driver'] as const;
export type Role = (typeof roles)[number];
export const operatorRoles = ['admin', 'operator', 'viewer'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

export const permissions = [
  'stations:read',
  'stations:write',
  'stations:command',
  'messages:read',
  'drivers:read',
  'drivers:write',
  'tokens:read',
  'tokens:write',
  'sessions:read',
  'sessions:write',
  'billing:read',
  'billing:write',
  'alerts:read',
  'alerts:write',
  'firmware:read',
  'firmware:write',
  'diagnostics:read',
  'audit:read',
  'reports:read',
  'operators:manage',
] as const;
export type Permission = (typeof permissions)[number];

const read = permissions.filter((p) => p.endsWith(':read'));

const grants: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  operator: new Set(permissions.filter((p) => p !== 'operators:manage')),
  viewer: new Set(read),
  driver: new Set(),
};

export const can = (role: Role, permission: Permission): boolean => grants[role].has(permission);

export interface Principal {
  type: 'operator' | 'driver';
  id: string;
  role: Role;
  email: string;
}
