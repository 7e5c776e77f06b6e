/**
 * The dashboard: stations online, offline and faulted, sessions and power now (live from the
 * event stream), energy and revenue today (reports), open alerts, and the latest events.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { addDays, sumDecimals } from '../../format/decimal.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { type LiveEvent, useLiveEvents } from '../../live/useLiveEvents.ts';
import { ErrorMessage, Loading, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useFleet } from '../stations/useFleet.ts';

function Tile({ label, value, to, testId }: { label: string; value: string; to?: string; testId: string }) {
  const body = (
    <>
      <span className="tile-label">{label}</span>
      <span className="tile-value" data-testid={testId}>
        {value}
      </span>
    </>
  );
  return to ? (
    <Link className="tile" to={to}>
      {body}
    </Link>
  ) : (
    <div className="tile">{body}</div>
  );
}

export function Dashboard() {
  const s = useStrings();
  const f = useFormat();
  const fleet = useFleet();
  const today = f.day(new Date());
  const range = { from: today, to: addDays(today, 1) };
  const energy = useQuery(async () => ok(api.GET('/api/v1/reports/energy', { params: { query: range } })), [today]);
  const revenue = useQuery(async () => ok(api.GET('/api/v1/reports/revenue', { params: { query: range } })), [today]);
  const alerts = useQuery(async () => ok(api.GET('/api/v1/alerts', { params: { query: { status: 'active', limit: 1 } } })), []);
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const onEvent = useCallback(
    (e: LiveEvent) => {
      setEvents((list) => [e, ...list].slice(0, 12));
      if (e.type.startsWith('alert.')) alerts.reload();
      if (e.type === 'session.ended') {
        energy.reload();
        revenue.reload();
      }
    },
    [alerts, energy, revenue],
  );
  useLiveEvents(onEvent);
  // Energy of running sessions reaches the reports as it is metered: refresh now and then.
  useEffect(() => {
    const timer = window.setInterval(() => {
      energy.reload();
      revenue.reload();
    }, 60_000);
    return () => window.clearInterval(timer);
  }, [energy.reload, revenue.reload]);

  const stations = fleet.data ?? [];
  const online = stations.filter((x) => x.connected).length;
  const faulted = stations.filter((x) => x.connectors.some((c) => c.status === 'Faulted')).length;
  const active = stations.flatMap((x) => x.connectors.filter((c) => c.session));
  const power = active.reduce((sum, c) => sum + (c.session?.powerW ?? 0), 0);
  const energyToday = energy.data?.items.reduce((sum, i) => sum + i.energyWh, 0);
  const revenueToday = revenue.data && sumDecimals(revenue.data.items.filter((i) => i.currency === f.settings.currency).map((i) => i.totalInclVat));
  const pending = (q: { data?: unknown; error: unknown }) => (q.error ? '!' : '…');

  return (
    <Page title={s.dashboard.title}>
      {fleet.error && <ErrorMessage error={fleet.error} retry={fleet.reload} />}
      {fleet.loading && !fleet.data && <Loading />}
      <div className="tiles">
        <Tile testId="stations-online" label={s.dashboard.stationsOnline} value={fleet.data ? f.number(online) : pending(fleet)} to="/stations?connected=true" />
        <Tile testId="stations-offline" label={s.dashboard.stationsOffline} value={fleet.data ? f.number(stations.length - online) : pending(fleet)} to="/stations?connected=false" />
        <Tile testId="stations-faulted" label={s.dashboard.stationsFaulted} value={fleet.data ? f.number(faulted) : pending(fleet)} to="/stations" />
        <Tile testId="sessions-now" label={s.dashboard.sessionsNow} value={fleet.data ? f.number(active.length) : pending(fleet)} to="/sessions" />
        <Tile testId="power-now" label={s.dashboard.powerNow} value={fleet.data ? f.power(power) : pending(fleet)} />
        <Tile testId="energy-today" label={s.dashboard.energyToday} value={energyToday === undefined ? pending(energy) : f.energy(energyToday)} to="/reports" />
        <Tile testId="revenue-today" label={s.dashboard.revenueToday} value={revenueToday === undefined ? pending(revenue) : f.money(revenueToday)} to="/reports" />
        <Tile testId="open-alerts" label={s.dashboard.openAlerts} value={alerts.data ? f.number(alerts.data.total ?? alerts.data.items.length) : pending(alerts)} to="/alerts" />
      </div>
      <h2>{s.dashboard.recentEvents}</h2>
      {events.length === 0 ? (
        <p className="muted">{s.dashboard.noEvents}</p>
      ) : (
        <ul className="event-list" aria-live="polite">
          {events.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time>{f.time(e.at)}</time> <code>{e.type}</code> {e.stationId && <Link to={`/stations/${encodeURIComponent(e.stationId)}`}>{e.stationId}</Link>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
