/** One session: power and energy over time (growing live), the cost as it runs, the CDR, stop. */
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ActionButtons } from '../../actions/ActionButtons.tsx';
import { usePublishContext } from '../../actions/ActionProvider.tsx';
import { api, ok, type Schemas } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { type LiveEvent, useLiveEvents } from '../../live/useLiveEvents.ts';
import { Chart } from '../../ui/Chart.tsx';
import { Badge, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { CostPanel } from './CostPanel.tsx';
import { type Point, pointsFromSamples } from './samples.ts';

type Session = Schemas['Session'];

export function SessionPage() {
  const s = useStrings();
  const f = useFormat();
  const sessionId = useParams().id as string;
  const session = useQuery(async () => ok(api.GET('/api/v1/sessions/{id}', { params: { path: { id: sessionId } } })), [sessionId]);
  const samples = useQuery(async () => pointsFromSamples((await ok(api.GET('/api/v1/sessions/{id}/samples', { params: { path: { id: sessionId }, query: { limit: 10000 } } }))).items), [sessionId]);
  const [live, setLive] = useState<Point[]>([]);
  const [cost, setCost] = useState<Schemas['SessionCost'] | null>(null);

  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (e.type === 'session.cost' && e.sessionId === sessionId) setCost(e.cost as Schemas['SessionCost']);
      if (!e.type.startsWith('session.') || (e.session as Session | undefined)?.id !== sessionId) return;
      const next = e.session as Session;
      session.setData((d) => d && { ...d, ...next, cost: d.cost });
      setLive((l) => [...l, { t: Date.parse(e.at) / 1000, powerW: next.powerW, energyWh: next.energyWh }]);
      if (e.type === 'session.ended') session.reload();
    },
    [sessionId, session],
  );
  useLiveEvents(onEvent, ['session.']);
  usePublishContext('session', session.data ? { sessionId, stationId: session.data.stationId, active: session.data.status === 'active' } : null);

  const data = useMemo(() => {
    const all = [...(samples.data ?? []), ...live].sort((a, b) => a.t - b.t);
    return [all.map((p) => p.t), all.map((p) => (p.powerW === null ? null : p.powerW / 1000)), all.map((p) => (p.energyWh === null ? null : p.energyWh / 1000))] as [number[], (number | null)[], (number | null)[]];
  }, [samples.data, live]);

  return (
    <Loaded query={session}>
      {(x) => (
        <Page
          title={
            <>
              {s.sessions.session} <span className="mono">{x.transactionId}</span>{' '}
              {x.status === 'active' ? <Badge tone="info">{s.sessions.active}</Badge> : <Badge tone="muted">{s.sessions.completed}</Badge>}
            </>
          }
        >
          <ActionButtons scope="session" ctx={{ sessionId, stationId: x.stationId, active: x.status === 'active' }} onDone={session.reload} />
          <div className="tiles">
            <div className="tile">
              <span className="tile-label">{s.stations.energy}</span>
              <span className="tile-value" data-testid="session-energy">
                {f.energy(x.energyWh)}
              </span>
            </div>
            <div className="tile">
              <span className="tile-label">{s.stations.power}</span>
              <span className="tile-value">{x.status === 'active' ? f.power(x.powerW) : '–'}</span>
            </div>
            <div className="tile">
              <span className="tile-label">{s.sessions.duration}</span>
              <span className="tile-value">{f.duration(x.durationSec)}</span>
            </div>
            <div className="tile">
              <span className="tile-label">{s.sessions.cost}</span>
              <span className="tile-value" data-testid="session-cost">
                {(cost ?? x.cost) ? f.money((cost ?? x.cost)?.totalInclVat, (cost ?? x.cost)?.currency) : '–'}
              </span>
            </div>
          </div>
          <h2>{s.sessions.chart}</h2>
          <Chart
            testId="session-chart"
            data={data}
            timeZone={f.settings.timeZone}
            series={[
              { label: `${s.stations.power} (kW)`, color: '#0b7fab', scale: 'kW', format: (v) => f.power(v * 1000) },
              { label: `${s.stations.energy} (kWh)`, color: '#e07b00', scale: 'kWh', format: (v) => f.energy(v * 1000) },
            ]}
            axes={{ kW: 'kW', kWh: 'kWh' }}
          />
          <div className="grid2">
            <section className="panel">
              <h2>{s.stations.details}</h2>
              <dl className="details">
                <dt>{s.sessions.station}</dt>
                <dd>
                  <Link to={`/stations/${encodeURIComponent(x.stationId)}`}>{x.stationId}</Link> · EVSE {x.evseId}/{x.connectorId}
                </dd>
                <dt>{s.sessions.token}</dt>
                <dd className="mono">{x.tokenUid ?? '–'}</dd>
                <dt>{s.sessions.started}</dt>
                <dd>{f.dateTime(x.startedAt)}</dd>
                <dt>{s.sessions.ended}</dt>
                <dd>{f.dateTime(x.endedAt)}</dd>
                <dt>{s.sessions.stopReason}</dt>
                <dd>{x.stopReason ?? '–'}</dd>
                <dt>{s.sessions.state}</dt>
                <dd>{x.chargingState ?? '–'}</dd>
                <dt>SoC</dt>
                <dd>{x.socPercent === null ? '–' : `${f.number(x.socPercent)} %`}</dd>
              </dl>
            </section>
            <CostPanel session={x} live={cost} />
          </div>
        </Page>
      )}
    </Loaded>
  );
}
