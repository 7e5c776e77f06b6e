/**
 * What charging at a station costs: the operator's own words (OCPI tariff_alt_text) in the
 * interface's language when given, else each price component of the tariff's first element.
 */
import { ApiError, api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

export function TariffSummary({ stationId }: { stationId: string }) {
  const s = useStrings();
  const t = s.portal.charge;
  const f = useFormat();
  const tariff = useQuery(async () => {
    try {
      return await ok(api.GET('/api/v1/stations/{id}/tariff', { params: { path: { id: stationId } } }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }, [stationId]);

  return (
    <section className="panel" aria-labelledby="price-title">
      <h2 id="price-title">{t.price}</h2>
      <Loaded query={tariff}>
        {(tr) => {
          if (!tr) return <p>{t.free}</p>;
          const alt = tr.tariff_alt_text?.find((a) => a.language === s.meta.code);
          if (alt) return <p>{alt.text}</p>;
          const components = tr.elements[0]?.price_components ?? [];
          return (
            <ul className="price-list">
              {components.map((c, i) => (
                <li key={i}>
                  {t.priceLine[c.type]?.(f.money(String(c.price), tr.currency)) ?? c.type}
                  {c.vat !== undefined && c.vat !== null && <span className="muted"> ({t.exclVat(String(c.vat))})</span>}
                </li>
              ))}
            </ul>
          );
        }}
      </Loaded>
    </section>
  );
}
