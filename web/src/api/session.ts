/**
 * The signed-in principal and its bearer token. Kept in sessionStorage (this tab) or, when
 * the user asks to stay signed in, localStorage. Listeners hear sign-in and sign-out.
 */
export interface Principal {
  type: 'operator' | 'driver';
  id: string;
  role: string;
  email: string;
}

export interface Session {
  token: string;
  expiresAt: string;
  principal: Principal;
}

const KEY = 'straumur.session';
const listeners = new Set<() => void>();

function read(store: Storage): Session | null {
  try {
    const s = JSON.parse(store.getItem(KEY) ?? 'null') as Session | null;
    return s && new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

let current: Session | null = read(sessionStorage) ?? read(localStorage);

export const getSession = (): Session | null => current;

export function setSession(s: Session | null, remember = false): void {
  current = s;
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
  if (s) (remember ? localStorage : sessionStorage).setItem(KEY, JSON.stringify(s));
  for (const l of listeners) l();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
