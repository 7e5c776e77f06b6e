/** Previous / next for offset-paged lists. */
import { useFormat } from '../format/FormatProvider.tsx';
import { useStrings } from '../i18n/i18n.tsx';

export function Pager({ offset, size, count, total, onChange }: { offset: number; size: number; count: number; total?: number | undefined; onChange: (o: number) => void }) {
  const s = useStrings();
  const f = useFormat();
  if (offset === 0 && count < size) return null;
  return (
    <div className="filters">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - size))}>
        ←
      </button>
      <span className="muted">
        {f.number(offset + 1)}–{f.number(offset + count)}
        {total !== undefined ? ` / ${f.number(total)}` : ''}
      </span>
      <button type="button" disabled={count < size} onClick={() => onChange(offset + size)} aria-label={s.common.more}>
        →
      </button>
    </div>
  );
}
