/**
 * Live domain events from GET /api/v1/events (Server-Sent Events). One EventSource per page
 * is shared by every hook; EventSource cannot send headers, so the token goes as
 * ?access_token=. It reconnects by itself (the server says `retry: 3000`).
 */
import { useEffect, useRef, useState } from 'react';
import { getSession, onSessionChange } from '../api/session.ts';

import type { LiveEvent } from './event.ts';

export type { LiveEvent };

type Listener = (e: LiveEvent) => void;
type Status = 'connecting' | 'open' | 'closed';

const TYPES = [
  'station.connected',
  'station.disconnected',
  'station.booted',
  'station.registered',
  'station.removed',
  'connector.status',
  'session.started',
  'session.updated',
  'session.ended',
  'session.cost',
  'invoice.issued',
  'alert.opened',
  'alert.acknowledged',
  'alert.resolved',
  'station.security-event',
  'firmware.status',
  'diagnostics.status',
];

const listeners = new Set<Listener>();
const statusListeners = new Set<(s: Status) => void>();
let source: EventSource | null = null;
let status: Status = 'closed';

function setStatus(s: Status) {
  status = s;
  for (const l of statusListeners) l(s);
}

function open() {
  const session = getSession();
  if (source || !session || listeners.size === 0) return;
  source = new EventSource(`/api/v1/events?access_token=${encodeURIComponent(session.token)}`);
  setStatus('connecting');
  source.onopen = () => setStatus('open');
  source.onerror = () => setStatus(source?.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  for (const type of TYPES) {
    source.addEventListener(type, (m) => {
      const e = JSON.parse((m as MessageEvent<string>).data) as LiveEvent;
      for (const l of listeners) l(e);
    });
  }
}

function close() {
  source?.close();
  source = null;
  setStatus('closed');
}

onSessionChange(() => {
  close();
  open();
});

/** Calls `onEvent` for every live event whose type starts with one of `prefixes` (all when empty). */
export function useLiveEvents(onEvent: Listener, prefixes: string[] = []): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = prefixes.join(',');
  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    const l: Listener = (e) => {
      if (wanted.length === 0 || wanted.some((p) => e.type.startsWith(p))) handler.current(e);
    };
    listeners.add(l);
    open();
    return () => {
      listeners.delete(l);
      if (listeners.size === 0) close();
    };
  }, [key]);
}

/** Whether the live stream is connected (shown in the header). */
export function useLiveStatus(): Status {
  const [s, set] = useState(status);
  useEffect(() => {
    statusListeners.add(set);
    set(status);
    return () => {
      statusListeners.delete(set);
    };
  }, []);
  return s;
}
