/**
 * One session, live: power, energy, cost and duration while charging (pushed as session
 * events, polled as a fallback), a stop button, and once it has ended its receipt.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ok, type Schemas } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { type LiveEvent, useLiveEvents } from '../../live/useLiveEvents.ts';
import { Badge, ErrorMessage, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { usePolling } from '../ui/usePolling.ts';
import { SessionReceipt } from './SessionReceipt.tsx';

type Session = Schemas['Session'];

export function LiveSession() {
  const s = useStrings();
  const t = s.portal.session;
  const { id = '' } = useParams();
  const session = useQuery(() => ok(api.GET('/api/v1/sessions/{id}', { params: { path: { id } } })), [id]);
  const active = session.data?.status === 'active';
  const [stopAsked, setStopAsked] = useState(false);
  useLiveEvents(
    (e: LiveEvent) => {
      if ((e as { session?: { id?: string } }).session?.id === id || (e as { sessionId?: string }).sessionId === id) session.reload();
    },
    ['session.'],
  );
  usePolling(session.reload, 5000, active);

  return (
    <Page title={t.title}>
      <Loaded query={session}>
        {(x) => (
          <>
            <p>
              <Badge tone={x.status === 'active' ? 'ok' : 'muted'}>{x.status === 'active' ? t.live : t.ended}</Badge>
            </p>
            <Readings session={x} />
            {x.status === 'active' && (
              <div className="stop-area">
                {stopAsked ? (
                  <p role="status">{t.stopAsked}</p>
                ) : (
                  <ConfirmButton
                    danger
                    label={t.stop}
                    question={`${t.stop}?`}
                    run={async () => {
                      await ok(api.POST('/api/v1/sessions/{id}/stop', { params: { path: { id } } }));
                      setStopAsked(true);
                    }}
                  />
                )}
              </div>
            )}
            <Facts session={x} />
            {x.status === 'completed' && <SessionReceipt session={x} />}
          </>
        )}
      </Loaded>
      {session.error && session.data && <ErrorMessage error={session.error} retry={session.reload} />}
    </Page>
  );
}

function Readings({ session: x }: { session: Session }) {
  const s = useStrings();
  const t = s.portal.session;
  const f = useFormat();
  const cost = x.cost ? f.money(x.cost.totalInclVat, x.cost.currency) : t.noCost;
  return (
    <dl className="readings">
      {x.status === 'active' && (
        <div>
          <dt>{t.power}</dt>
          <dd data-testid="session-power">{f.power(x.powerW)}</dd>
        </div>
      )}
      <div>
        <dt>{t.energy}</dt>
        <dd data-testid="session-energy">{f.energy(x.energyWh)}</dd>
      </div>
      <div>
        <dt>{x.status === 'active' ? t.cost : t.finalCost}</dt>
        <dd data-testid="session-cost">{cost}</dd>
      </div>
      <div>
        <dt>{t.duration}</dt>
        <dd>{f.duration(x.durationSec)}</dd>
      </div>
    </dl>
  );
}

function Facts({ session: x }: { session: Session }) {
  const s = useStrings();
  const t = s.portal.session;
  const f = useFormat();
  return (
    <dl className="details panel">
      <dt>{t.where}</dt>
      <dd>
        {s.portal.charge.station(x.stationId)} · {s.portal.charge.evseLabel(x.evseId)}
      </dd>
      <dt>{t.card}</dt>
      <dd className="mono">{x.tokenUid ?? '–'}</dd>
      <dt>{t.started}</dt>
      <dd>{f.dateTime(x.startedAt)}</dd>
      {x.endedAt && (
        <>
          <dt>{t.endedAt}</dt>
          <dd>{f.dateTime(x.endedAt)}</dd>
        </>
      )}
      {x.stopReason && (
        <>
          <dt>{t.stopReason}</dt>
          <dd>{t.stopReasons[x.stopReason] ?? x.stopReason}</dd>
        </>
      )}
    </dl>
  );
}
