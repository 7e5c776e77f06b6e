/** Drivers: search, add, block and unblock. */
import { useState } from 'react';
import { Link } from 'react-router';
import { ActionMenu } from '../../actions/ActionButtons.tsx';
import { api, ok } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Badge, ErrorMessage, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

const PAGE = 50;

export function DriversPage() {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const list = useQuery(async () => ok(api.GET('/api/v1/drivers', { params: { query: { limit: PAGE, offset, ...(q ? { q } : {}) } } })), [q, offset]);
  return (
    <Page title={s.nav.drivers} actions={can('drivers:write') && <button type="button" className="primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>{s.drivers.add}</button>}>
      {adding && <NewDriver onDone={list.reload} />}
      <div className="filters">
        <label className="field">
          <span>{s.common.search}</span>
          <input type="search" value={q} onChange={(e) => (setQ(e.target.value), setOffset(0))} />
        </label>
      </div>
      <Loaded query={list}>
        {({ items, total }) => (
          <DataTable
            testId="drivers"
            rows={items}
            rowKey={(d) => d.id}
            empty={s.common.none}
            paging={{ offset, size: PAGE, total, onChange: setOffset }}
            columns={[
              { header: s.common.email, cell: (d) => <Link to={`/drivers/${d.id}`}>{d.email}</Link> },
              { header: s.common.name, cell: (d) => d.name ?? '' },
              { header: s.drivers.phone, cell: (d) => d.phone ?? '' },
              { header: s.common.status, cell: (d) => (d.status === 'blocked' ? <Badge tone="bad">{s.drivers.blockedStatus}</Badge> : <Badge tone="ok">{s.drivers.active}</Badge>) },
              { header: s.drivers.lastLogin, cell: (d) => f.dateTime(d.lastLoginAt) },
              { header: '', cell: (d) => <ActionMenu scope="driver" ctx={{ driverId: d.id, email: d.email, blocked: d.status === 'blocked' }} onDone={list.reload} /> },
            ]}
          />
        )}
      </Loaded>
    </Page>
  );
}

function NewDriver({ onDone }: { onDone: () => void }) {
  const s = useStrings();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const create = useSubmit(async () => {
    await ok(api.POST('/api/v1/drivers', { body: { email, ...(name ? { name } : {}), ...(phone ? { phone } : {}) } }));
    setEmail('');
    setName('');
    setPhone('');
    onDone();
  });
  return (
    <form className="panel filters" onSubmit={create.submit()}>
      <label className="field">
        <span>{s.common.email}</span>
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label className="field">
        <span>{s.common.name}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>{s.drivers.phone}</span>
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={create.busy}>
        {s.common.create}
      </button>
      {create.error && <ErrorMessage error={create.error} />}
    </form>
  );
}
