/**
 * Reports: choose one, a period (days in the operator's zone) and filters; see it as a chart
 * and a table, and download the same rows as CSV. The choice is kept in the URL.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, download, ok } from '../../api/client.ts';
import { addDays } from '../../format/decimal.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { ErrorMessage, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { type ReportDef, reports, type Row } from './definitions.ts';
import { ReportTable } from './ReportTable.tsx';

interface Result {
  columns: string[];
  items: Row[];
  timeZone: string;
}

export function Reports() {
  const s = useStrings();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const today = f.day(new Date());
  const def = (reports.find((r) => r.id === params.get('report')) ?? reports[0]) as ReportDef;
  const from = params.get('from') ?? addDays(today, -6);
  const to = params.get('to') ?? today;
  const groupBy = params.get('groupBy') ?? 'day';
  const stationId = params.get('stationId') ?? '';
  const [error, setError] = useState<Error | null>(null);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  // `to` is the last day shown; the API's end is exclusive.
  const query: Record<string, string> = { from, to: addDays(to, 1), ...(def.groupBy ? { groupBy } : {}), ...(stationId ? { stationId } : {}), ...def.query };
  const key = JSON.stringify([def.id, query]);
  const result = useQuery(async () => (await ok(api.GET(`/api/v1/reports/${def.id}` as '/api/v1/reports/energy', { params: { query: query as never } }))) as unknown as Result, [key]);

  const chart = useMemo(() => {
    const items = result.data?.items ?? [];
    const labels = items.map((r) => (def.x === 'period' ? f.date(String(r.period)) : def.x(r)));
    const series = def.series.map((sr) => items.map((r) => (r[sr.key] === null || r[sr.key] === undefined ? null : Number(r[sr.key]) / (sr.divide ?? 1))));
    return { labels, data: [items.map((_, i) => i), ...series] as [number[], ...(number | null)[][]] };
  }, [result.data, def, f]);

  const csv = () => {
    const p = new URLSearchParams({ ...query, format: 'csv' });
    download(`/api/v1/reports/${def.id}?${p}`, `${def.id}-${from}-${to}.csv`).catch(setError);
  };

  return (
    <Page title={s.nav.reports} actions={<button type="button" onClick={csv} data-testid="report-csv">{s.common.downloadCsv}</button>}>
      <div className="filters">
        <label className="field">
          <span>{s.reports.report}</span>
          <select name="report" value={def.id} onChange={(e) => set('report', e.target.value)}>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{s.common.from}</span>
          <input type="date" name="from" value={from} max={to} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label className="field">
          <span>{s.common.to}</span>
          <input type="date" name="to" value={to} min={from} onChange={(e) => set('to', e.target.value)} />
        </label>
        {def.groupBy && (
          <label className="field">
            <span>{s.reports.groupBy}</span>
            <select value={groupBy} onChange={(e) => set('groupBy', e.target.value)}>
              {(['hour', 'day', 'week', 'month'] as const).map((g) => (
                <option key={g} value={g}>
                  {s.reports.periods[g]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{s.sessions.station}</span>
          <input value={stationId} onChange={(e) => set('stationId', e.target.value)} placeholder={s.stations.all} size={12} />
        </label>
      </div>
      {error && <ErrorMessage error={error} />}
      <Loaded query={result}>
        {(r) => (
          <>
            <Chart
              testId="report-chart"
              time={false}
              categories={chart.labels}
              data={chart.data}
              // The first number as bars, a second (on its own scale) as a line over them.
              series={def.series.map((sr, i) => ({ label: `${sr.label(s)}${sr.unit ? ` (${sr.unit})` : ''}`, color: sr.color, scale: i === 0 ? 'a' : 'b', bars: i === 0 }))}
              title={def.label(s)}
            />
            <ReportTable columns={r.columns} items={r.items} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
