/** The dialog an action runs in: its inputs, its confirmation sentence, then its outcome. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useStrings } from '../i18n/i18n.tsx';
import type { Pending } from './ActionProvider.tsx';
import type { Inputs } from './registry.ts';

export function ActionDialog({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const s = useStrings();
  const { action, ctx } = pending;
  const ref = useRef<HTMLDialogElement>(null);
  const [inputs, setInputs] = useState<Inputs>(() => Object.fromEntries((action.fields ?? []).map((f) => [f.name, f.initial ?? f.options?.(s)[0]?.value ?? ''])));
  const [state, setState] = useState<{ kind: 'ready' } | { kind: 'running' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string }>({ kind: 'ready' });

  useEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    d.showModal();
    // A text input to type in first; otherwise the run button, so Enter runs it.
    (d.querySelector<HTMLElement>('input') ?? d.querySelector<HTMLElement>('button[type="submit"]'))?.focus();
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (state.kind === 'done') return onClose();
    setState({ kind: 'running' });
    try {
      const message = await action.run(ctx as never, inputs, s);
      setState({ kind: 'done', message: message ?? s.common.done });
      pending.onDone?.();
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof ApiError ? `${err.message} (${err.code})` : String(err) });
    }
  }

  const question = action.confirm?.(s, ctx as never, inputs);
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-labelledby="action-title" data-action={action.name}>
      <form onSubmit={submit}>
        <h2 id="action-title">{action.label(s)}</h2>
        {(action.fields ?? []).map((f) => (
          <label key={f.name} className="field">
            <span>{f.label(s)}</span>
            {f.kind === 'select' ? (
              <select name={f.name} value={inputs[f.name]} onChange={(e) => setInputs({ ...inputs, [f.name]: e.target.value })} disabled={state.kind !== 'ready'}>
                {f.options?.(s).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={f.name}
                type={f.kind === 'number' ? 'number' : f.kind === 'datetime' ? 'datetime-local' : 'text'}
                value={inputs[f.name]}
                required={f.required}
                onChange={(e) => setInputs({ ...inputs, [f.name]: e.target.value })}
                disabled={state.kind !== 'ready'}
              />
            )}
          </label>
        ))}
        {question && state.kind === 'ready' && <p className="confirm-question">{question}</p>}
        {state.kind === 'done' && <p role="status" className="outcome ok">{state.message}</p>}
        {state.kind === 'failed' && <p role="alert" className="outcome error">{state.message}</p>}
        <div className="dialog-buttons">
          {state.kind === 'done' || state.kind === 'failed' ? (
            <button type="button" onClick={onClose} autoFocus>
              {s.common.close}
            </button>
          ) : (
            <>
              <button type="button" onClick={onClose}>
                {s.common.cancel}
              </button>
              <button type="submit" className={action.confirm ? 'danger' : 'primary'} disabled={state.kind === 'running'}>
                {state.kind === 'running' ? s.common.loading : action.confirm ? s.common.confirm : action.label(s)}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
