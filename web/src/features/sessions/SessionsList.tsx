/** The sessions page: running or finished, live. */
import { useSearchParams } from 'react-router';
import { useStrings } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/states.tsx';
import { SessionsTable } from './SessionsTable.tsx';

export function SessionsList() {
  const s = useStrings();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') as 'active' | 'completed' | null;
  return (
    <Page title={s.nav.sessions}>
      <div className="filters">
        <label className="field">
          <span>{s.common.status}</span>
          <select value={status ?? ''} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}>
            <option value="">{s.stations.all}</option>
            <option value="active">{s.sessions.active}</option>
            <option value="completed">{s.sessions.completed}</option>
          </select>
        </label>
      </div>
      <SessionsTable filter={status ? { status } : {}} />
    </Page>
  );
}
