/** One tariff element: its price components and the restrictions under which it applies. */
import { useStrings } from '../../i18n/i18n.tsx';
import { blankComponent, type Component, days, dimensions, type Element, type Restrictions, setRestriction } from './model.ts';

interface Props {
  index: number;
  element: Element;
  onChange: (e: Element) => void;
  onRemove?: () => void;
}

export function ElementEditor({ index, element, onChange, onRemove }: Props) {
  const s = useStrings();
  const t = s.tariffs;
  const r = element.restrictions ?? null;
  const setComponent = (i: number, c: Component) => onChange({ ...element, price_components: element.price_components.map((x, j) => (j === i ? c : x)) });
  const restrict = (key: keyof Restrictions, value: unknown) => {
    const next = setRestriction(r, key, value);
    const { restrictions: _, ...rest } = element;
    onChange(next ? { ...rest, restrictions: next } : rest);
  };
  const text = (key: keyof Restrictions, label: string, type: 'time' | 'number' | 'date' = 'number') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        name={`e${index}-${key}`}
        value={(r?.[key] as string | number | undefined) ?? ''}
        onChange={(e) =>
          restrict(
            key,
            type === 'number' && (key === 'min_duration' || key === 'max_duration') ? (e.target.value === '' ? '' : Number(e.target.value)) : e.target.value,
          )
        }
      />
    </label>
  );

  return (
    <fieldset className="panel" data-element={index}>
      <legend>
        {t.element} {index + 1}
      </legend>
      <div className="scroll-x">
        <table className="data">
          <thead>
            <tr>
              <th>{t.dimension}</th>
              <th>{t.price}</th>
              <th>{t.vat}</th>
              <th>{t.stepSize}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {element.price_components.map((c, i) => (
              <tr key={i}>
                <td>
                  <select aria-label={t.dimension} value={c.type} onChange={(e) => setComponent(i, { ...c, type: e.target.value as Component['type'] })}>
                    {dimensions.map((d) => (
                      <option key={d} value={d}>
                        {t.dimensions[d]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`${t.price} ${index + 1}.${i + 1}`}
                    name={`price-${index}-${i}`}
                    inputMode="decimal"
                    value={String(c.price)}
                    onChange={(e) => setComponent(i, { ...c, price: e.target.value })}
                    size={10}
                  />
                </td>
                <td>
                  <input
                    aria-label={t.vat}
                    inputMode="decimal"
                    value={c.vat === null || c.vat === undefined ? '' : String(c.vat)}
                    onChange={(e) => setComponent(i, { ...c, vat: e.target.value === '' ? null : e.target.value })}
                    size={5}
                  />
                </td>
                <td>
                  <input
                    aria-label={t.stepSize}
                    type="number"
                    min={0}
                    value={c.step_size}
                    onChange={(e) => setComponent(i, { ...c, step_size: Number(e.target.value) })}
                    style={{ width: '6em' }}
                  />
                </td>
                <td>
                  {element.price_components.length > 1 && (
                    <button
                      type="button"
                      onClick={() => onChange({ ...element, price_components: element.price_components.filter((_, j) => j !== i) })}
                      aria-label={s.common.delete}
                    >
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" onClick={() => onChange({ ...element, price_components: [...element.price_components, blankComponent('TIME')] })}>
          + {t.component}
        </button>
      </p>
      <details open={r !== null}>
        <summary>{t.restrictions}</summary>
        <div className="filters">
          {text('start_time', t.startTime, 'time')}
          {text('end_time', t.endTime, 'time')}
          {text('start_date', t.startDate, 'date')}
          {text('end_date', t.endDate, 'date')}
          {text('min_kwh', t.minKwh)}
          {text('max_kwh', t.maxKwh)}
          {text('min_power', t.minPower)}
          {text('max_power', t.maxPower)}
          {text('min_duration', t.minDuration)}
          {text('max_duration', t.maxDuration)}
        </div>
        <fieldset className="filters">
          <legend>{t.days}</legend>
          {days.map((d) => (
            <label key={d} className="check">
              <input
                type="checkbox"
                checked={r?.day_of_week?.includes(d) ?? false}
                onChange={(e) => restrict('day_of_week', e.target.checked ? [...(r?.day_of_week ?? []), d] : (r?.day_of_week ?? []).filter((x) => x !== d))}
              />
              <span>{t.dayNames[d]}</span>
            </label>
          ))}
        </fieldset>
      </details>
      {onRemove && (
        <button type="button" className="danger-outline" onClick={onRemove}>
          {t.removeElement}
        </button>
      )}
    </fieldset>
  );
}
