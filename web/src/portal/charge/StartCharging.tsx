/**
 * Starting a session from the phone: the station is asked (RemoteStartTransaction in 1.6,
 * RequestStartTransaction in 2.x) to start with one of the driver's own cards; once it says
 * Accepted we wait for the session itself to begin, then open its live page.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { useLiveEvents } from '../../live/useLiveEvents.ts';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useMyTokens } from '../tokens/Cards.tsx';
import { usePolling } from '../ui/usePolling.ts';

/** How long we wait for the session after the station accepted (the driver may still be plugging in). */
const WAIT_MS = 120_000;

type Phase = { kind: 'idle' } | { kind: 'asking' } | { kind: 'waiting'; since: number } | { kind: 'rejected' } | { kind: 'timeout' } | { kind: 'error'; error: Error };

export function StartCharging({ stationId, evseId, onStarted }: { stationId: string; evseId: number; onStarted?: () => void }) {
  const s = useStrings();
  const t = s.portal.charge;
  const navigate = useNavigate();
  const tokens = useMyTokens();
  const [uid, setUid] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  async function findSession() {
    const o = await ok(api.GET('/api/v1/stations/{id}/overview', { params: { path: { id: stationId } } }));
    const mine = o.evses.find((e) => e.evseId === evseId)?.mySessionId;
    if (mine) {
      onStarted?.();
      navigate(`/portal/sessions/${mine}`);
    }
  }
  const waiting = phase.kind === 'waiting';
  usePolling(() => void findSession().catch(() => undefined), 1000, waiting);
  useLiveEvents((e) => {
    if (waiting && e.stationId === stationId) void findSession().catch(() => undefined);
  }, ['session.started']);
  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    const id = setTimeout(() => setPhase({ kind: 'timeout' }), WAIT_MS - (Date.now() - phase.since));
    return () => clearTimeout(id);
  }, [phase]);

  async function start(e: FormEvent, usable: string[]) {
    e.preventDefault();
    const tokenUid = uid || usable[0];
    if (!tokenUid) return;
    setPhase({ kind: 'asking' });
    try {
      const r = await ok(api.POST('/api/v1/stations/{id}/remote-start', { params: { path: { id: stationId } }, body: { tokenUid, evseId } }));
      setPhase(r.status === 'Accepted' ? { kind: 'waiting', since: Date.now() } : { kind: 'rejected' });
    } catch (err) {
      setPhase({ kind: 'error', error: err as Error });
    }
  }

  return (
    <Loaded query={tokens}>
      {(items) => {
        const usable = items.filter((x) => x.status === 'Accepted').map((x) => x.uid);
        if (usable.length === 0) {
          return (
            <p>
              {t.noCards} <Link to="/portal/cards">{t.addCard}</Link>
            </p>
          );
        }
        const busy = phase.kind === 'asking' || phase.kind === 'waiting';
        return (
          <form className="start-form" onSubmit={(e) => start(e, usable)}>
            {usable.length > 1 && (
              <label className="field">
                <span>{t.withCard}</span>
                <select value={uid || usable[0]} onChange={(e) => setUid(e.target.value)}>
                  {items
                    .filter((x) => x.status === 'Accepted')
                    .map((x) => (
                      <option key={x.uid} value={x.uid}>
                        {x.label ? `${x.label} (${x.uid})` : x.uid}
                      </option>
                    ))}
                </select>
              </label>
            )}
            <button type="submit" className="primary wide big" disabled={busy}>
              {phase.kind === 'asking' ? t.starting : t.start}
            </button>
            <p role="status" aria-live="polite" className="start-status">
              {phase.kind === 'waiting' && t.waiting}
              {phase.kind === 'rejected' && <span className="outcome error">{t.rejected}</span>}
              {phase.kind === 'timeout' && <span className="outcome error">{t.notStarted}</span>}
            </p>
            {phase.kind === 'error' && (
              <>
                <ErrorMessage error={phase.error} />
                {/* Refused for credit (no payment card, wallet too low, debts): the account page is where that is fixed. */}
                {(phase.error as { code?: string }).code === 'CONFLICT' && <Link to="/portal/account">{t.checkAccount}</Link>}
              </>
            )}
          </form>
        );
      }}
    </Loaded>
  );
}
