/**
 * A button that asks before it acts, inline (no modal to trap focus on a phone): the question
 * replaces the button, with Confirm focused and Cancel beside it; Escape or Cancel gives the
 * focus back to the button. Errors show in place.
 */
import { useEffect, useRef, useState } from 'react';
import { useStrings } from '../../i18n/i18n.tsx';
import { useAction } from './useAction.ts';

export function ConfirmButton({ label, question, run, danger }: { label: string; question: string; run: () => Promise<unknown>; danger?: boolean }) {
  const s = useStrings();
  const [asking, setAsking] = useState(false);
  const refocus = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const action = useAction();
  const { busy, error } = action;

  useEffect(() => {
    if (asking || !refocus.current) return;
    refocus.current = false;
    button.current?.focus();
  }, [asking]);

  function cancel() {
    refocus.current = true;
    setAsking(false);
  }

  async function confirm() {
    if (await action.run(run)) setAsking(false);
  }

  if (!asking) {
    return (
      <button ref={button} type="button" className={danger ? 'danger-outline' : undefined} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-inline" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && !busy && cancel()}>
      <span className="confirm-question">{question}</span>
      <button type="button" className={danger ? 'danger' : 'primary'} onClick={confirm} disabled={busy} autoFocus>
        {busy ? s.common.loading : s.common.confirm}
      </button>
      <button type="button" onClick={cancel} disabled={busy}>
        {s.common.cancel}
      </button>
      {error && (
        <span className="outcome error" role="alert">
          {error.message}
        </span>
      )}
    </span>
  );
}
