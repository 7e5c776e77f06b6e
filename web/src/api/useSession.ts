/** The current session as React state; pages re-render on sign-in and sign-out. */
import { useSyncExternalStore } from 'react';
import { can, type Permission, type Role } from '../../../src/auth/permissions.ts';
import { getSession, onSessionChange, type Session } from './session.ts';

export const useSession = (): Session | null => useSyncExternalStore(onSessionChange, getSession);

/** Whether the signed-in operator's role grants `permission` (the API enforces it too). */
export function useCan(): (permission: Permission) => boolean {
  const s = useSession();
  return (permission) => !!s && s.principal.type === 'operator' && can(s.principal.role as Role, permission);
}
