/** The actions of a scope as buttons (a station page's toolbar) or as a row's menu. */
import { useSession } from '../api/useSession.ts';
import { useStrings } from '../i18n/i18n.tsx';
import { useActionRunner } from './ActionProvider.tsx';
import { actionsFor, permitted, type Scope, type Scopes } from './registry.ts';

interface Props<S extends Scope> {
  scope: S;
  ctx: Scopes[S];
  onDone?: () => void;
  only?: string[];
}

function useScopeActions<S extends Scope>({ scope, ctx, only }: Props<S>) {
  const session = useSession();
  return actionsFor(scope)
    .filter((a) => !only || only.includes(a.name))
    .filter((a) => permitted(session?.principal.role, a as never))
    .map((a) => ({ action: a, enabled: a.available ? a.available(ctx) : true }));
}

export function ActionButtons<S extends Scope>(props: Props<S>) {
  const s = useStrings();
  const { start } = useActionRunner();
  const list = useScopeActions(props);
  if (list.length === 0) return null;
  return (
    <div className="toolbar" role="toolbar" aria-label={s.common.actions}>
      {list.map(({ action, enabled }) => (
        <button key={action.name} type="button" disabled={!enabled} data-action={action.name} className={action.confirm ? 'danger-outline' : ''} onClick={() => start(action, props.ctx, props.onDone)}>
          {action.label(s)}
        </button>
      ))}
    </div>
  );
}

export function ActionMenu<S extends Scope>(props: Props<S>) {
  const s = useStrings();
  const { start } = useActionRunner();
  const list = useScopeActions(props);
  if (list.length === 0) return null;
  return (
    <details className="row-menu">
      <summary aria-label={s.common.actions}>⋯</summary>
      <ul role="menu">
        {list.map(({ action, enabled }) => (
          <li key={action.name} role="none">
            <button
              type="button"
              role="menuitem"
              disabled={!enabled}
              data-action={action.name}
              onClick={(e) => {
                (e.currentTarget.closest('details') as HTMLDetailsElement).open = false;
                start(action, props.ctx, props.onDone);
              }}
            >
              {action.label(s)}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
