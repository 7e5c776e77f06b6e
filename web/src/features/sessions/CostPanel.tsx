/** The session's cost: running while it charges (live), then the CDR once it is priced. */
import type { Schemas } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function CostPanel({ session, live }: { session: Schemas['Session']; live: Schemas['SessionCost'] | null }) {
  const s = useStrings();
  const f = useFormat();
  const cost = live ?? session.cost ?? null;
  const cdr = useQuery(async () => {
    if (session.status !== 'completed') return null;
    const r = await api.GET('/api/v1/sessions/{id}/cdr', { params: { path: { id: session.id } } });
    return r.data ?? null;
  }, [session.id, session.status]);
  return (
    <section className="panel" data-testid="cost-panel">
      <h2>{cost?.final ? s.sessions.finalCost : s.sessions.runningCost}</h2>
      {!cost ? (
        <p className="muted">{s.sessions.noCost}</p>
      ) : (
        <table className="data">
          <tbody>
            {cost.breakdown.map((b, i) => (
              <tr key={i}>
                <td>{s.tariffs.dimensions[b.type as keyof typeof s.tariffs.dimensions] ?? b.type}</td>
                <td className="num">
                  {b.volume} {b.unit}
                </td>
                <td className="num">{b.unitPrice === null ? '' : f.money(b.unitPrice, cost.currency)}</td>
                <td className="num">{f.money(b.exclVat, cost.currency)}</td>
              </tr>
            ))}
            <tr>
              <td colSpan={3}>{s.sessions.vat}</td>
              <td className="num">{f.money(cost.totalVat, cost.currency)}</td>
            </tr>
            <tr>
              <th colSpan={3}>{s.sessions.total}</th>
              <th className="num">{f.money(cost.totalInclVat, cost.currency)}</th>
            </tr>
          </tbody>
        </table>
      )}
      {cdr.data && (
        <>
          <h3>CDR</h3>
          <dl className="details" data-testid="cdr">
            <dt>{s.sessions.total}</dt>
            <dd>{f.money(cdr.data.total_cost.incl_vat, cdr.data.currency)}</dd>
            <dt>{s.stations.energy}</dt>
            <dd>{cdr.data.total_energy} kWh</dd>
            <dt>{s.sessions.duration}</dt>
            <dd>{cdr.data.total_time} h</dd>
            <dt>{s.sessions.parking}</dt>
            <dd>{cdr.data.total_parking_time} h</dd>
            <dt>ID</dt>
            <dd className="mono">{cdr.data.id}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
