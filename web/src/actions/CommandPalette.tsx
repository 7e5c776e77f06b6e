/**
 * Ctrl+K (or ⌘K): every action the role allows whose context is on screen (global ones, and
 * this station's or this session's when such a page is open), plus going to a page. Arrow
 * keys choose, Enter runs, Escape closes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../api/useSession.ts';
import { useStrings } from '../i18n/i18n.tsx';
import { useActionRunner } from './ActionProvider.tsx';
import { allActions, permitted } from './registry.ts';

export interface PaletteLink {
  label: string;
  to: string;
}

export function CommandPalette({ links }: { links: PaletteLink[] }) {
  const s = useStrings();
  const session = useSession();
  const navigate = useNavigate();
  const { start, contexts } = useActionRunner();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) ref.current?.showModal();
  }, [open]);

  const items = useMemo(() => {
    const q = query.trim().toLowerCase();
    const actions = allActions()
      .filter((a) => permitted(session?.principal.role, a) && contexts[a.scope] !== undefined)
      .filter((a) => (a.available ? a.available(contexts[a.scope] as never) : true))
      .map((a) => {
        const ctx = contexts[a.scope] as Record<string, unknown>;
        const subject = (ctx.stationId ?? ctx.sessionId ?? '') as string;
        return { key: a.name, label: subject ? `${a.label(s)} · ${subject}` : a.label(s), run: () => start(a, contexts[a.scope] as never) };
      });
    const pages = links.map((l) => ({ key: `go:${l.to}`, label: `→ ${l.label}`, run: () => navigate(l.to) }));
    return [...actions, ...pages].filter((i) => !q || i.label.toLowerCase().includes(q));
  }, [query, contexts, session, s, links, start, navigate]);

  if (!open) return null;
  const close = () => {
    setOpen(false);
    setQuery('');
    setIndex(0);
  };
  const choose = (i: number) => {
    const item = items[i];
    close();
    item?.run();
  };
  return (
    <dialog ref={ref} className="dialog palette" onClose={close} aria-label={s.app.commandPalette}>
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={items[index] ? `palette-${index}` : undefined}
        placeholder={s.app.commandPaletteHint}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex((i) => Math.min(items.length - 1, i + 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
          else if (e.key === 'Enter') choose(index);
          else return;
          e.preventDefault();
        }}
      />
      <ul id="palette-list" role="listbox">
        {items.length === 0 && <li className="muted">{s.app.noCommands}</li>}
        {items.map((item, i) => (
          <li key={item.key} id={`palette-${i}`} role="option" aria-selected={i === index} className={i === index ? 'selected' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(i)}>
            {item.label}
          </li>
        ))}
      </ul>
    </dialog>
  );
}
