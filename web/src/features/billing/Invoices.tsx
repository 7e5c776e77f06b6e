/** Receipts, invoices and credit notes; each one's PDF, and marking a postpaid invoice paid. */
import { useState } from 'react';
import { api, download, ok } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Badge, ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

const PAGE = 50;

export function Invoices() {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const [offset, setOffset] = useState(0);
  const list = useQuery(async () => ok(api.GET('/api/v1/invoices', { params: { query: { limit: PAGE, offset } } })), [offset]);
  const markPaid = useSubmit(async (id: string) => {
    await ok(api.POST('/api/v1/invoices/{id}/mark-paid', { params: { path: { id } } }));
    list.reload();
  });
  const pdf = useSubmit((id: string, number: string) => download(`/api/v1/invoices/${id}/pdf`, `${number}.pdf`));
  const buyer = (b: Record<string, unknown>) => String(b.name ?? b.email ?? '');
  return (
    <>
      {markPaid.error && <ErrorMessage error={markPaid.error} />}
      {pdf.error && <ErrorMessage error={pdf.error} />}
      <Loaded query={list}>
        {({ items, total }) => (
          <DataTable
            testId="invoices"
            rows={items}
            rowKey={(i) => i.id}
            empty={s.billing.noInvoices}
            paging={{ offset, size: PAGE, total, onChange: setOffset }}
            columns={[
              { header: s.billing.number, cell: (i) => <span className="mono">{i.number}</span> },
              { header: s.billing.kind, cell: (i) => s.billing.kinds[i.kind] },
              { header: s.billing.issued, cell: (i) => f.date(i.issuedAt) },
              { header: s.billing.buyer, cell: (i) => buyer(i.buyer as Record<string, unknown>) },
              { header: s.sessions.total, num: true, cell: (i) => f.money(i.totalInclVat, i.currency) },
              { header: s.common.status, cell: (i) => <Badge tone={i.status === 'paid' ? 'ok' : i.status === 'open' ? 'warn' : 'muted'}>{i.status}</Badge> },
              {
                header: '',
                cell: (i) => (
                  <>
                    <button type="button" className="link" onClick={() => void pdf.run(i.id, i.number)}>
                      PDF
                    </button>{' '}
                    {can('billing:write') && i.kind === 'invoice' && i.status === 'open' && (
                      <button type="button" onClick={() => void markPaid.run(i.id)}>
                        {s.billing.markPaid}
                      </button>
                    )}
                  </>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
