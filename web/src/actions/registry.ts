/**
 * Every operator command is one entry here: its name, label, the permission the API will ask
 * for, an optional confirmation (destructive commands), optional inputs, and run. Buttons,
 * row menus and the command palette all read this registry, so a command looks and behaves
 * the same wherever it is offered. Features register their actions in their own
 * `actions.ts`; `web/src/app/actions.ts` imports them all.
 */
import { can, type Permission, type Role } from '../../../src/auth/permissions.ts';
import type { Strings } from '../i18n/strings/en.ts';

/** What an action acts on; the page offering it provides the matching context. */
export interface Scopes {
  global: Record<string, never>;
  station: { stationId: string; connected: boolean; ocppVersion: string | null; evses: { evseId: number; connectorId: number }[] };
  connector: { stationId: string; evseId: number; connectorId: number; connected: boolean };
  session: { sessionId: string; stationId: string; active: boolean };
  alert: { alertId: string; stationId: string; status: string };
  driver: { driverId: string; email: string; blocked: boolean };
  token: { uid: string; blocked: boolean };
}
export type Scope = keyof Scopes;

export interface Field {
  name: string;
  label: (s: Strings) => string;
  kind: 'select' | 'text' | 'number' | 'datetime';
  options?: (s: Strings) => { value: string; label: string }[];
  initial?: string;
  required?: boolean;
}

export type Inputs = Record<string, string>;

export interface Action<S extends Scope = Scope> {
  name: string;
  scope: S;
  label: (s: Strings) => string;
  permission: Permission;
  /** A sentence asking to confirm; present for destructive commands. */
  confirm?: (s: Strings, ctx: Scopes[S], inputs: Inputs) => string;
  fields?: Field[];
  /** False when the command cannot be sent now (e.g. the station is offline). */
  available?: (ctx: Scopes[S]) => boolean;
  /** Runs the command; the returned sentence is shown as the outcome. */
  run: (ctx: Scopes[S], inputs: Inputs, s: Strings) => Promise<string | void>;
}

const registry = new Map<string, Action>();

export function defineActions<S extends Scope>(list: Action<S>[]): void {
  for (const a of list) {
    if (registry.has(a.name)) throw new Error(`Action ${a.name} is defined twice`);
    registry.set(a.name, a as unknown as Action);
  }
}

export function actionsFor<S extends Scope>(scope: S): Action<S>[] {
  return [...registry.values()].filter((a) => a.scope === scope) as unknown as Action<S>[];
}

export const allActions = (): Action[] => [...registry.values()];

export function permitted(role: string | undefined, a: Action): boolean {
  return role !== undefined && role !== 'driver' && can(role as Role, a.permission);
}
