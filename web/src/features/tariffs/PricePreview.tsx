/**
 * The price of an example session under the tariff being edited, asked of the server's own
 * pricing engine (POST /api/v1/tariffs/preview) a moment after each change.
 */
import { useEffect, useState } from 'react';
import { api, ApiError, ok, type Schemas } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { fromZonedInput, toZonedInput } from '../../format/zone.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage } from '../../ui/states.tsx';
import type { TariffBody } from './model.ts';

export function PricePreview({ tariff }: { tariff: TariffBody }) {
  const s = useStrings();
  const f = useFormat();
  const t = s.tariffs;
  const [start, setStart] = useState(() => toZonedInput(new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000), f.settings.timeZone));
  const [energyKwh, setEnergyKwh] = useState('20');
  const [chargingMin, setChargingMin] = useState('60');
  const [parkingMin, setParkingMin] = useState('0');
  const [cost, setCost] = useState<Schemas['SessionCost'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const key = JSON.stringify([tariff, start, energyKwh, chargingMin, parkingMin]);

  useEffect(() => {
    let gone = false;
    const timer = window.setTimeout(() => {
      const session = {
        startAt: fromZonedInput(start, f.settings.timeZone).toISOString(),
        chargingMin: Math.max(0, Math.round(Number(chargingMin) || 0)),
        parkingMin: Math.max(0, Math.round(Number(parkingMin) || 0)),
        energyWh: Math.max(0, Math.round((Number(energyKwh) || 0) * 1000)),
        timeZone: f.settings.timeZone,
      };
      ok(api.POST('/api/v1/tariffs/preview', { body: { tariff: { ...tariff, name: tariff.name || 'preview' }, session } })).then(
        (c) => !gone && (setCost(c), setError(null)),
        (err: ApiError) => !gone && setError(err),
      );
    }, 250);
    return () => {
      gone = true;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, f.settings.timeZone]);

  return (
    <section className="panel" aria-labelledby="preview-title" data-testid="price-preview">
      <h2 id="preview-title">{t.preview}</h2>
      <div className="filters">
        <label className="field">
          <span>{t.exampleStart}</span>
          <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="field">
          <span>{t.exampleEnergy}</span>
          <input name="example-energy" inputMode="decimal" value={energyKwh} onChange={(e) => setEnergyKwh(e.target.value)} size={6} />
        </label>
        <label className="field">
          <span>{t.exampleCharging}</span>
          <input type="number" min={0} value={chargingMin} onChange={(e) => setChargingMin(e.target.value)} style={{ width: '6em' }} />
        </label>
        <label className="field">
          <span>{t.exampleParking}</span>
          <input type="number" min={0} value={parkingMin} onChange={(e) => setParkingMin(e.target.value)} style={{ width: '6em' }} />
        </label>
      </div>
      {error && <ErrorMessage error={error} />}
      {cost && (
        <table className="data">
          <tbody>
            {cost.breakdown.map((b, i) => (
              <tr key={i}>
                <td>{t.dimensions[b.type as keyof typeof t.dimensions] ?? b.type}</td>
                <td className="num">
                  {b.volume} {b.unit}
                </td>
                <td className="num">{f.money(b.exclVat, cost.currency)}</td>
              </tr>
            ))}
            <tr>
              <td colSpan={2}>{s.sessions.vat}</td>
              <td className="num">{f.money(cost.totalVat, cost.currency)}</td>
            </tr>
            <tr>
              <th colSpan={2}>{s.sessions.total}</th>
              <th className="num" data-testid="preview-total">
                {f.money(cost.totalInclVat, cost.currency)}
              </th>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
