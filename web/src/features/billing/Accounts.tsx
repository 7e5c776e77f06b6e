/** Billing accounts (drivers' and fleets'), and a chosen account's wallet: balance, entries, adjustment. */
import { useState } from 'react';
import { api, ok } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Badge, ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

export function Accounts() {
  const s = useStrings();
  const f = useFormat();
  const [chosen, setChosen] = useState<string | null>(null);
  const list = useQuery(async () => (await ok(api.GET('/api/v1/billing/accounts', { params: { query: { limit: 200 } } }))).items, []);
  return (
    <div className="grid2">
      <Loaded query={list}>
        {(items) => (
          <DataTable
            testId="accounts"
            rows={items}
            rowKey={(a) => a.id}
            empty={s.billing.noAccounts}
            rowProps={(a) => ({ 'aria-selected': a.id === chosen })}
            columns={[
              {
                header: s.common.name,
                cell: (a) => (
                  <button type="button" className="link" onClick={() => setChosen(a.id)}>
                    {a.name ?? a.email ?? a.id.slice(0, 8)}
                  </button>
                ),
              },
              { header: s.billing.kind, cell: (a) => a.kind },
              { header: s.billing.paymentMode, cell: (a) => a.paymentMode },
              { header: s.billing.wallet, num: true, cell: (a) => f.money(a.walletBalance, a.currency) },
              { header: s.common.status, cell: (a) => <Badge tone={a.status === 'active' ? 'ok' : 'bad'}>{a.status}</Badge> },
            ]}
          />
        )}
      </Loaded>
      {chosen && <Wallet key={chosen} accountId={chosen} onChanged={list.reload} />}
    </div>
  );
}

function Wallet({ accountId, onChanged }: { accountId: string; onChanged: () => void }) {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const wallet = useQuery(async () => ok(api.GET('/api/v1/billing/accounts/{id}/wallet', { params: { path: { id: accountId } } })), [accountId]);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const adjust = useSubmit(async () => {
    await ok(api.POST('/api/v1/billing/accounts/{id}/wallet', { params: { path: { id: accountId } }, body: { amount, reference } }));
    setAmount('');
    setReference('');
    wallet.reload();
    onChanged();
  });
  return (
    <section className="panel">
      <Loaded query={wallet}>
        {(w) => (
          <>
            <h2>
              {s.billing.wallet}: {f.money(w.balance, w.currency)}
            </h2>
            {can('billing:write') && (
              <form className="filters" onSubmit={adjust.submit()}>
                <label className="field">
                  <span>{s.billing.amount}</span>
                  <input required inputMode="decimal" pattern="-?\d+(\.\d+)?" value={amount} onChange={(e) => setAmount(e.target.value)} size={8} />
                </label>
                <label className="field">
                  <span>{s.billing.reference}</span>
                  <input required value={reference} onChange={(e) => setReference(e.target.value)} />
                </label>
                <button type="submit">{s.billing.adjust}</button>
              </form>
            )}
            {adjust.error && <ErrorMessage error={adjust.error} />}
            <table className="data">
              <tbody>
                {w.entries.map((e, i) => (
                  <tr key={i}>
                    <td>{f.dateTime(e.at)}</td>
                    <td>{e.kind}</td>
                    <td className="num">{f.money(e.amount, w.currency)}</td>
                    <td className="num">{f.money(e.balanceAfter, w.currency)}</td>
                    <td className="muted">{e.note ?? e.reference}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Loaded>
    </section>
  );
}
