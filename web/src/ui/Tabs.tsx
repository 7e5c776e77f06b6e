/** Tabs with arrow-key movement (WAI-ARIA tabs pattern); the chosen tab is kept in the URL. */
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { useSearchParams } from 'react-router';

export interface Tab {
  id: string;
  label: string;
  render: () => ReactNode;
}

export function Tabs({ tabs, param = 'tab' }: { tabs: Tab[]; param?: string }) {
  const [params, setParams] = useSearchParams();
  const current = tabs.find((t) => t.id === params.get(param)) ?? tabs[0];
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const choose = (id: string) => {
    const next = new URLSearchParams(params);
    next.set(param, id);
    setParams(next, { replace: true });
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    const move = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!move) return;
    const j = (i + move + tabs.length) % tabs.length;
    choose((tabs[j] as Tab).id);
    refs.current[j]?.focus();
  };
  if (!current) return null;
  return (
    <>
      <div className="tabs" role="tablist">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => choose(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.render()}
      </div>
    </>
  );
}
