/**
 * Runs actions: asks for inputs and confirmation in a dialog, calls `run`, and shows the
 * outcome. Pages also publish their context here so the command palette offers the commands
 * of what is on screen (this station, this session).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ActionDialog } from './ActionDialog.tsx';
import type { Action, Scope, Scopes } from './registry.ts';

export interface Pending {
  action: Action;
  ctx: unknown;
  onDone?: () => void;
}

interface Runner {
  start<S extends Scope>(action: Action<S>, ctx: Scopes[S], onDone?: () => void): void;
  contexts: Partial<{ [S in Scope]: Scopes[S] }>;
  publish<S extends Scope>(scope: S, ctx: Scopes[S] | null): void;
}

const Ctx = createContext<Runner | null>(null);

export function ActionProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [contexts, setContexts] = useState<Runner['contexts']>({ global: {} });
  const start = useCallback<Runner['start']>((action, ctx, onDone) => setPending({ action: action as unknown as Action, ctx, ...(onDone ? { onDone } : {}) }), []);
  const publish = useCallback<Runner['publish']>((scope, ctx) => setContexts((c) => ({ ...c, [scope]: ctx ?? undefined })), []);
  const value = useMemo(() => ({ start, contexts, publish }), [start, contexts, publish]);
  return (
    <Ctx.Provider value={value}>
      {children}
      {pending && <ActionDialog pending={pending} onClose={() => setPending(null)} />}
    </Ctx.Provider>
  );
}

export function useActionRunner(): Runner {
  const r = useContext(Ctx);
  if (!r) throw new Error('useActionRunner outside ActionProvider');
  return r;
}

/** Offers this page's context (a station, a session) to the command palette while mounted. */
export function usePublishContext<S extends Scope>(scope: S, ctx: Scopes[S] | null): void {
  const { publish } = useActionRunner();
  const key = JSON.stringify(ctx);
  useEffect(() => {
    publish(scope, ctx);
    return () => publish(scope, null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, key, publish]);
}
