/**
 * A table of rows with declared columns, an empty-state sentence, and (for paged lists) the
 * previous/next pager. Every list in the console is one of these.
 */
import type { ReactNode } from 'react';
import { Pager } from './Pager.tsx';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures. */
  num?: boolean;
}

export interface Paging {
  offset: number;
  size: number;
  total?: number | undefined;
  onChange: (offset: number) => void;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  empty: string;
  testId?: string;
  /** Extra attributes per row (e.g. data-* for tests, aria-selected). */
  rowProps?: (row: T) => Record<string, string | boolean | undefined>;
  paging?: Paging;
}

export function DataTable<T>({ rows, columns, rowKey, empty, testId, rowProps, paging }: Props<T>) {
  return (
    <>
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={c.num ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {columns.map((c, i) => (
                <td key={i} className={c.num ? 'num' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {paging && <Pager offset={paging.offset} size={paging.size} count={rows.length} total={paging.total} onChange={paging.onChange} />}
    </>
  );
}
