/** Id tokens with their status and owner; block, unblock and delete from each row. */
import { useState } from 'react';
import { Link } from 'react-router';
import { ActionMenu } from '../../actions/ActionButtons.tsx';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Badge, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';

const PAGE = 50;

export function TokensTable({ driverId, q, version = 0 }: { driverId?: string; q?: string; version?: number }) {
  const s = useStrings();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const list = useQuery(async () => ok(api.GET('/api/v1/tokens', { params: { query: { limit: PAGE, offset, ...(driverId ? { driverId } : {}), ...(q ? { q } : {}) } } })), [driverId, q, offset, version]);
  return (
    <Loaded query={list}>
      {({ items, total }) => (
        <DataTable
          testId="tokens"
          rows={items}
          rowKey={(t) => t.uid}
          empty={s.tokens.none}
          paging={{ offset, size: PAGE, total, onChange: setOffset }}
          columns={[
            { header: 'UID', cell: (t) => <span className="mono">{t.uid}</span> },
            { header: s.tokens.type, cell: (t) => t.type },
            { header: s.common.status, cell: (t) => <Badge tone={t.status === 'Accepted' ? 'ok' : t.status === 'Blocked' ? 'bad' : 'muted'}>{t.status}</Badge> },
            { header: s.tokens.label, cell: (t) => t.label ?? '' },
            { header: s.tokens.driver, cell: (t) => t.driverId && <Link to={`/drivers/${t.driverId}`}>{s.tokens.driver}</Link> },
            { header: s.tokens.expires, cell: (t) => f.date(t.expiresAt) },
            { header: '', cell: (t) => <ActionMenu scope="token" ctx={{ uid: t.uid, blocked: t.status === 'Blocked' }} onDone={list.reload} /> },
          ]}
        />
      )}
    </Loaded>
  );
}
