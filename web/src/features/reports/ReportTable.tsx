/** A report's rows with the server's columns; numbers, energy, money and times in the operator's formats. */
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import type { Row } from './definitions.ts';

const LIMIT = 500;

export function ReportTable({ columns, items }: { columns: string[]; items: Row[] }) {
  const s = useStrings();
  const f = useFormat();
  const cell = (col: string, r: Row) => {
    const v = r[col];
    if (v === null || v === undefined) return '';
    if (col.endsWith('Wh')) return f.energy(Number(v));
    if (col.endsWith('PowerW')) return f.power(Number(v));
    if (col.startsWith('total') && typeof v === 'string') return f.money(v, String(r.currency ?? f.settings.currency));
    if (col === 'period') return f.date(String(v));
    if (col.endsWith('At')) return f.dateTime(String(v));
    if (typeof v === 'number') return f.number(v, 2);
    return String(v);
  };
  if (items.length === 0) return <p className="muted">{s.reports.empty}</p>;
  return (
    <table className="data" data-testid="report-table">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} title={c}>
              {s.reports.columns[c] ?? c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.slice(0, LIMIT).map((r, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c} className={typeof r[c] === 'number' ? 'num' : ''}>
                {cell(c, r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
