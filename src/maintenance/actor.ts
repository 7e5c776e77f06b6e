/**
 * Who is sending a command, for the audit log. Commands are sent deep inside services
 * (remote start, local lists, campaigns) that have no reason to carry a caller; the HTTP
 * layer puts the signed-in principal here for the rest of the request, and jobs run as
 * `system:<job>`. Anything else is `system`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { App } from '../http/types.ts';

export interface Actor {
  /** operator:<uuid>, driver:<uuid>, system:<job> */
  id: string;
  email?: string | null | undefined;
}

const store = new AsyncLocalStorage<Actor>();

export const currentActor = (): Actor => store.getStore() ?? { id: 'system' };

export const runAs = <T>(actor: Actor, fn: () => T): T => store.run(actor, fn);

/** After authentication, every request runs as its principal. */
export function installActorHook(app: App): void {
  app.addHook('preHandler', (req, _reply, done) => {
    const p = req.principal;
    if (!p) return done();
    store.run({ id: `${p.type}:${p.id}`, email: p.email }, done);
  });
}
