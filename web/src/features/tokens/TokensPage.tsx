/** Tokens: search, add one, or import many from a CSV file (all or nothing). */
import { useState } from 'react';
import { api, ok, upload } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Page } from '../../ui/states.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { TokensTable } from './TokensTable.tsx';

export function TokensPage() {
  const s = useStrings();
  const can = useCan();
  const [q, setQ] = useState('');
  const [version, setVersion] = useState(0);
  const [uid, setUid] = useState('');
  const [label, setLabel] = useState('');
  const [imported, setImported] = useState<string | null>(null);
  const changed = () => setVersion((v) => v + 1);
  const add = useSubmit(async () => {
    await ok(api.POST('/api/v1/tokens', { body: { uid, ...(label ? { label } : {}) } }));
    setUid('');
    setLabel('');
    changed();
  });
  const importCsv = useSubmit(async (file: File) => {
    setImported(null);
    const r = await upload<{ created: number; updated: number }>('/api/v1/tokens/import', await file.text(), 'text/csv');
    setImported(s.tokens.imported(r.created, r.updated));
    changed();
  });
  const error = add.error ?? importCsv.error;

  return (
    <Page title={s.nav.tokens}>
      {can('tokens:write') && (
        <div className="grid2">
          <form className="panel filters" onSubmit={add.submit()}>
            <label className="field">
              <span>UID</span>
              <input required value={uid} onChange={(e) => setUid(e.target.value)} />
            </label>
            <label className="field">
              <span>{s.tokens.label}</span>
              <input value={label} onChange={(e) => setLabel(e.target.value)} />
            </label>
            <button type="submit" className="primary">
              {s.tokens.add}
            </button>
          </form>
          <div className="panel">
            <label className="field">
              <span>{s.tokens.importCsv}</span>
              <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void importCsv.run(e.target.files[0])} />
            </label>
            <p className="muted">{s.tokens.importHint}</p>
            {imported && <p role="status" className="outcome ok">{imported}</p>}
          </div>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="filters">
        <label className="field">
          <span>{s.common.search}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </div>
      <TokensTable q={q} version={version} />
    </Page>
  );
}
