/** Subscription plans: monthly fee, included energy, their tariff; new plans and retiring old ones. */
import { useState } from 'react';
import { api, ok } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Badge, ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

export function Plans() {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const list = useQuery(async () => (await ok(api.GET('/api/v1/plans'))).items, []);
  const [name, setName] = useState('');
  const [fee, setFee] = useState('');
  const [kwh, setKwh] = useState('0');
  const create = useSubmit(async () => {
    await ok(api.POST('/api/v1/plans', { body: { name, monthlyFee: fee, includedKwh: kwh, currency: f.settings.currency } }));
    setName('');
    setFee('');
    list.reload();
  });
  const setActive = useSubmit(async (id: string, active: boolean) => {
    await ok(api.PATCH('/api/v1/plans/{id}', { params: { path: { id } }, body: { active } }));
    list.reload();
  });
  return (
    <>
      {can('billing:write') && (
        <form className="panel filters" onSubmit={create.submit()}>
          <label className="field">
            <span>{s.common.name}</span>
            <input required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>{s.billing.monthlyFee}</span>
            <input required inputMode="decimal" pattern="\d+(\.\d+)?" value={fee} onChange={(e) => setFee(e.target.value)} size={8} />
          </label>
          <label className="field">
            <span>{s.billing.includedKwh}</span>
            <input inputMode="decimal" value={kwh} onChange={(e) => setKwh(e.target.value)} size={6} />
          </label>
          <button type="submit" className="primary" disabled={create.busy}>
            {s.common.create}
          </button>
        </form>
      )}
      {(create.error ?? setActive.error) && <ErrorMessage error={(create.error ?? setActive.error) as Error} />}
      <Loaded query={list}>
        {(items) => (
          <DataTable
            testId="plans"
            rows={items}
            rowKey={(p) => p.id}
            empty={s.billing.noPlans}
            columns={[
              { header: s.common.name, cell: (p) => p.name },
              { header: s.billing.monthlyFee, num: true, cell: (p) => f.money(p.monthlyFee, p.currency) },
              { header: s.billing.includedKwh, num: true, cell: (p) => `${p.includedKwh} kWh` },
              { header: s.common.status, cell: (p) => (p.active ? <Badge tone="ok">{s.billing.activePlan}</Badge> : <Badge tone="muted">{s.billing.retired}</Badge>) },
              {
                header: '',
                cell: (p) =>
                  can('billing:write') && (
                    <button type="button" onClick={() => void setActive.run(p.id, !p.active)}>
                      {p.active ? s.billing.retire : s.billing.reactivate}
                    </button>
                  ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
