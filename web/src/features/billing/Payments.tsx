/** Payments: card captures, wallet debits and top-ups, with their state and refunds. */
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Badge, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

const PAGE = 50;

export function Payments() {
  const s = useStrings();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const list = useQuery(async () => ok(api.GET('/api/v1/billing/payments', { params: { query: { limit: PAGE, offset } } })), [offset]);
  return (
    <Loaded query={list}>
      {({ items, total }) => (
        <DataTable
          testId="payments"
          rows={items}
          rowKey={(p) => p.id}
          empty={s.billing.noPayments}
          paging={{ offset, size: PAGE, total, onChange: setOffset }}
          columns={[
            { header: s.billing.provider, cell: (p) => p.provider },
            { header: s.billing.purpose, cell: (p) => p.purpose },
            { header: s.sessions.session, cell: (p) => p.sessionId && <Link to={`/sessions/${p.sessionId}`}>{p.sessionId.slice(0, 8)}</Link> },
            { header: s.billing.amount, num: true, cell: (p) => f.money(p.amount, p.currency) },
            { header: s.billing.captured, num: true, cell: (p) => f.money(p.captured, p.currency) },
            { header: s.billing.refunded, num: true, cell: (p) => f.money(p.refunded, p.currency) },
            { header: s.common.status, cell: (p) => <Badge tone={p.status === 'failed' ? 'bad' : p.status === 'captured' || p.status === 'succeeded' ? 'ok' : 'info'}>{p.status}</Badge> },
          ]}
        />
      )}
    </Loaded>
  );
}
